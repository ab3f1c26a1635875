/**
 * The console's side of audit search: per-day integrity status with a cache of closed days, and
 * the CSV form of search results. Who may search what is decided in the resources.
 */
package org.campusgate.console.audit;
