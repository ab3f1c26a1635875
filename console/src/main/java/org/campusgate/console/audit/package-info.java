/**
 * The console's side of audit search and incident tracing: per-day integrity status with a cache
 * of closed days, the CSV form of search results, a user's timeline, the steps of a trace (who
 * held an address, who reached a domain, which apps a user used) and what an inspector may read
 * of the admin log. Who may search what is decided in the resources.
 */
package org.campusgate.console.audit;
