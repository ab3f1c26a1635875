/**
 * The monthly report as readers get it: laid out into sections, tables and charts in their
 * language, then written as HTML (with ECharts), PDF (printed by headless Chromium) and one CSV
 * per table; and the console's report jobs and archive.
 */
package org.campusgate.console.report.output;
