/**
 * The learning-app register as files: reading and writing its three tables (apps, provider
 * filings, user filings) as an .xlsx workbook or CSV files, with every row checked and reported,
 * and the district's revocation/blacklist CSV. No database, no HTTP: callers pass bytes or paths.
 */
package org.campusgate.console.register.files;
