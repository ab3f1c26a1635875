package org.campusgate.audit.journal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small LRU of decompressed {@code .zseg} blocks for random reads, bounded by total raw bytes.
 * Thread-safe; one per journal.
 */
final class BlockCache {
  record Key(String segment, int block) {}

  /** A decompressed block with the offset of each frame, its CRCs already checked. */
  record Decoded(byte[] raw, int[] frameOffsets) {}

  private final long maxBytes;
  private final LinkedHashMap<Key, Decoded> map = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  BlockCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  synchronized Decoded get(Key key) {
    return map.get(key);
  }

  synchronized void put(Key key, Decoded block) {
    if (block.raw().length > maxBytes) {
      return;
    }
    Decoded old = map.put(key, block);
    bytes += block.raw().length - (old == null ? 0 : old.raw().length);
    Iterator<Map.Entry<Key, Decoded>> it = map.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      bytes -= it.next().getValue().raw().length;
      it.remove();
    }
  }

  synchronized void invalidate(String segment) {
    Iterator<Map.Entry<Key, Decoded>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Decoded> e = it.next();
      if (e.getKey().segment().equals(segment)) {
        bytes -= e.getValue().raw().length;
        it.remove();
      }
    }
  }
}
