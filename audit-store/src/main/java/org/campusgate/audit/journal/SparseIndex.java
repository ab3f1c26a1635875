package org.campusgate.audit.journal;

import java.util.Arrays;

/**
 * (seq, file offset) pairs of some frames of a {@code .seg}, in increasing seq order: one every
 * {@value #INTERVAL} records and one after every resynchronisation past damage. One writer thread
 * adds; any thread looks up (the array is published before the count, and never shrinks).
 */
final class SparseIndex {
  static final int INTERVAL = 128;

  private volatile long[] pairs = new long[32];
  private volatile int size;

  /** Adds an entry; ignored unless its seq is above the last one (keeps the order for search). */
  void add(long seq, long offset) {
    int n = size;
    long[] p = pairs;
    if (n > 0 && p[2 * n - 2] >= seq) {
      return;
    }
    if (2 * n + 2 > p.length) {
      p = Arrays.copyOf(p, p.length * 2);
      pairs = p;
    }
    p[2 * n] = seq;
    p[2 * n + 1] = offset;
    size = n + 1;
  }

  /** The offset of the entry with the greatest seq at or below {@code seq}, or {@code dflt}. */
  long floorOffset(long seq, long dflt) {
    int n = size;
    long[] p = pairs;
    int lo = 0;
    int hi = n - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (p[2 * mid] <= seq) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? dflt : p[2 * found + 1];
  }
}
