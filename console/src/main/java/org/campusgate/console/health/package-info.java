/**
 * The console's health checks, served on the admin connector at {@code /healthcheck}: database,
 * audit store, the in-process gateway's listener and (when configured) clock drift against NTP.
 */
package org.campusgate.console.health;
