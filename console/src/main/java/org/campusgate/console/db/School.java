package org.campusgate.console.db;

import java.time.Instant;

/** A school: {@code id} is the short id the gateway config and every audit event carry (e.g. {@code demo-school}). */
public record School(String id, String name, Instant createdAt) {}
