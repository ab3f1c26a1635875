/** Step 1 of the data path, identify: proxy authentication, IP bindings, identity events. */
package org.campusgate.gateway.identity;
