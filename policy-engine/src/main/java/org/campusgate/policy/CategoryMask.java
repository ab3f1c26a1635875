package org.campusgate.policy;

/** A rule's category set: a bit set over category ids, and which of them carry expressions. */
record CategoryMask(long[] bits, int[] withExpressions) {

  boolean intersects(long[] matched) {
    for (int i = 0; i < bits.length; i++) {
      if ((bits[i] & matched[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  boolean contains(int id) {
    return (bits[id >>> 6] & (1L << id)) != 0;
  }
}
