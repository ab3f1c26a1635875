package org.campusgate.console.db;

import java.util.Objects;

/**
 * A write the database refused because it would break a rule of the schema: a duplicate, a
 * reference to something that does not exist (or removal of something still referenced), or a
 * value a check forbids. The API turns these into 409/422 answers; the message names the rule.
 */
public final class ConstraintViolationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of rule was broken. */
  public enum Kind {
    /** A unique key already holds this value (SQLSTATE 23505). */
    DUPLICATE,
    /** A foreign key: the referenced row is missing, or the row is still referenced (23503/23506). */
    REFERENCE,
    /** A NOT NULL or CHECK rule, or a value too long for its column (23502, 23513/23514, 22001). */
    INVALID
  }

  private final Kind kind;

  ConstraintViolationException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** The kind of rule the write broke. */
  public Kind kind() {
    return kind;
  }
}
