/**
 * Rectification items: the findings of monthly reports as things to put right, with owner,
 * deadline and status, kept in the console database (V4__rectification.sql).
 */
package org.campusgate.console.report.rectify;
