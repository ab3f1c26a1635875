package org.campusgate.audit.index;

import java.util.HashMap;
import java.util.Map;

/**
 * What a commit of a day index records in its user data (and the roll-up file repeats): every
 * seq ≤ {@code seq} is in it, no seq above {@code maxSeq} is, and {@code gen} ties the roll-up
 * file to exactly this commit.
 */
record CommitStamp(long seq, long maxSeq, long gen) {
  static final CommitStamp EMPTY = new CommitStamp(-1, -1, 0);

  CommitStamp {
    if (seq < -1 || maxSeq < seq || gen < 0) {
      throw new IllegalArgumentException("bad commit stamp " + seq + "/" + maxSeq + "/" + gen);
    }
  }

  Map<String, String> toUserData() {
    Map<String, String> m = new HashMap<>();
    m.put("seq", Long.toString(seq));
    m.put("maxSeq", Long.toString(maxSeq));
    m.put("rollupGen", Long.toString(gen));
    return m;
  }

  static CommitStamp fromUserData(Iterable<Map.Entry<String, String>> data) {
    Map<String, String> m = new HashMap<>();
    if (data != null) {
      data.forEach(e -> m.put(e.getKey(), e.getValue()));
    }
    if (!m.containsKey("seq")) {
      return EMPTY;
    }
    try {
      return new CommitStamp(Long.parseLong(m.get("seq")),
          Long.parseLong(m.getOrDefault("maxSeq", m.get("seq"))),
          Long.parseLong(m.getOrDefault("rollupGen", "0")));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("corrupt index commit user data: " + m, e);
    }
  }
}
