/** The JSON shapes of the console's REST API (/api/v1). */
package org.campusgate.console.api;
