/** The inline proxy that identifies, describes, decides, acts and records (issue 4). */
package org.campusgate.gateway;
