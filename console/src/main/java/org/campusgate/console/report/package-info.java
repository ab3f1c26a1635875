/**
 * The monthly inspection report of RULES.md §6: what it holds ({@link
 * org.campusgate.console.report.MonthlyReport}), how it is computed from the audit store, the
 * register and the admin log, the findings it raises and the rectification items that track them.
 */
package org.campusgate.console.report;
