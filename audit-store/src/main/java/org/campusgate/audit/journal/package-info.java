/** The audit journal: the deterministic record codec and the append-only segment files. */
package org.campusgate.audit.journal;
