package org.campusgate.audit.embedded;

/**
 * The tree head over everything forced to disk so far: what a checkpoint may sign. Published by
 * the writer after each force.
 */
record DurableHead(long size, byte[] root) {}
