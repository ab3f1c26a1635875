/**
 * The log compliance checks of a monthly report (RULES.md §5): completeness, retention,
 * integrity, clock and store health, and looks at persons' logs.
 */
package org.campusgate.console.report.inspect;
