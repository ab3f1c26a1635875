/** The audit store's derived indexes: Lucene search per UTC day, hourly roll-ups, identity index. */
package org.campusgate.audit.index;
