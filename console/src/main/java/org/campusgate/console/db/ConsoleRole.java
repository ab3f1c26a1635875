package org.campusgate.console.db;

import java.util.Arrays;

/** A console role, stored and shown by its stable name (e.g. {@code school-admin}). Add roles; never rename one. */
public enum ConsoleRole {
  /** Runs the whole district: every school, every setting. */
  DISTRICT_ADMIN("district-admin"),
  /** Runs one school. */
  SCHOOL_ADMIN("school-admin"),
  /** Reads all schools' aggregates; per-user details only with a case reference. */
  INSPECTOR("inspector"),
  /** Searches persons' logs, each search with a case reference and reason. */
  RESPONDER("responder");

  private final String name;

  ConsoleRole(String name) {
    this.name = name;
  }

  /** The stable name, as stored in the database and accepted by the API. */
  public String stableName() {
    return name;
  }

  /** The role with this stable name. */
  public static ConsoleRole fromStableName(String name) {
    return Arrays.stream(values())
        .filter(r -> r.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown console role: " + name));
  }

  @Override
  public String toString() {
    return name;
  }
}
