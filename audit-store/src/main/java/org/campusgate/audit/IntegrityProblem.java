package org.campusgate.audit;

import java.util.Objects;

/**
 * One thing {@link AuditStore#verify} found wrong, with where it is.
 *
 * @param kind what is wrong
 * @param segment the journal segment file it is in, or null when not in one
 * @param seq the sequence number (leaf index) concerned, or -1
 * @param offset the byte offset in the segment, or -1
 * @param detail a sentence for a human
 */
public record IntegrityProblem(Kind kind, String segment, long seq, long offset, String detail) {

  /** The kinds of problem verification reports. */
  public enum Kind {
    /**
     * A record's bytes differ from those committed to, though its checksum is intact: its hash
     * does not match the tile written with it, or an evidence proof fails.
     */
    CHANGED,
    /** A record is missing: the sequence jumps. */
    MISSING,
    /** Records are out of order: a sequence number goes back or repeats. */
    REORDERED,
    /** A segment ends early or in the middle of a record. */
    TRUNCATED,
    /** Bytes are damaged: a record's checksum fails, or a block or file cannot be read. */
    CORRUPT,
    /** Recomputed history does not match a signed checkpoint's root. */
    ROOT_MISMATCH,
    /** A checkpoint's signature does not verify with the gateway's key. */
    BAD_SIGNATURE,
    /** Two consecutive checkpoints do not describe one append-only history. */
    INCONSISTENT_CHECKPOINTS,
    /** An RFC 3161 time-stamp token does not verify or does not cover its checkpoint. */
    BAD_TIMESTAMP
  }

  public IntegrityProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return kind + (segment == null ? "" : " in " + segment)
        + (seq < 0 ? "" : " at seq " + seq)
        + (offset < 0 ? "" : " (byte " + offset + ")") + ": " + detail;
  }
}
