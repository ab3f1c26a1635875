package org.campusgate.audit.index;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.SortOrder;

/**
 * Where a page ended: the order and the (timestamp, seq) of its last hit. Paging resumes after
 * that sort value, not at an offset, so events added between pages never repeat or shift the
 * following pages. Encoded as 24 URL-safe base64 characters (version, order, ts, seq).
 */
record SearchCursor(SortOrder order, long ts, long seq) {
  private static final byte VERSION = 1;
  private static final int BYTES = 18;
  private static final int CHARS = 24;

  SearchCursor {
    Objects.requireNonNull(order, "order");
  }

  String encode() {
    ByteBuffer b = ByteBuffer.allocate(BYTES);
    b.put(VERSION).put((byte) order.ordinal()).putLong(ts).putLong(seq);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * Decodes and checks a cursor against the query it is used with.
   *
   * @throws IllegalArgumentException when it is malformed, of another order, or outside the
   *     query's time range
   */
  static SearchCursor decode(String text, AuditQuery q) {
    Objects.requireNonNull(text, "cursor");
    if (text.length() != CHARS) {
      throw bad("wrong length " + text.length());
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw bad("not URL-safe base64");
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    if (raw.length != BYTES || b.get() != VERSION) {
      throw bad("unknown version");
    }
    int ord = b.get();
    if (ord < 0 || ord >= SortOrder.values().length) {
      throw bad("unknown order");
    }
    SearchCursor c = new SearchCursor(SortOrder.values()[ord], b.getLong(), b.getLong());
    if (c.order != q.order()) {
      throw bad("made for order " + c.order + ", query asks " + q.order());
    }
    if (c.ts < q.from().toEpochMilli() || c.ts >= q.to().toEpochMilli() || c.seq < 0) {
      throw bad("outside the query's time range");
    }
    return c;
  }

  private static IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("malformed search cursor: " + why);
  }
}
