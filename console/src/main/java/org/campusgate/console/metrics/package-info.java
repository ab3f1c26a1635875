/** The console's metrics for monitoring systems: the Prometheus endpoint on the admin connector. */
package org.campusgate.console.metrics;
