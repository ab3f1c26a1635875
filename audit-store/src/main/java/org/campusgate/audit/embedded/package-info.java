/** The embedded audit store: journal, integrity and Lucene indexes on one machine, no server. */
package org.campusgate.audit.embedded;
