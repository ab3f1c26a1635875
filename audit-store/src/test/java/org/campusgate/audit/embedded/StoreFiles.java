package org.campusgate.audit.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.campusgate.audit.integrity.CompactRange;
import org.campusgate.audit.integrity.MerkleHasher;
import org.campusgate.audit.integrity.TileStore;

/**
 * Reads and rewrites the files of a closed embedded store the way someone with disk access
 * would: raw frames of {@code .seg} files, the block index of a {@code .zseg}, tile hashes and
 * checkpoint log entries. Written from the documented layouts (Journal, SegmentFormat, TileStore,
 * CheckpointLog), not from the store's classes, so a tamper test does not trust what it tests.
 */
final class StoreFiles {
  static final int SEG_HEADER = 20;
  private static final int FRAME_HEADER = 8;

  private StoreFiles() {}

  /** One frame of a {@code .seg}: its offset, whole size (header + record), seq and record. */
  record Frame(long offset, int size, long seq, byte[] record) {}

  /** One compressed block of a {@code .zseg}, from its index. */
  record Block(long firstSeq, int count, long offset, int compressedLength) {}

  static Path journal(Path store) {
    return store.resolve("journal");
  }

  /** The segment files, oldest first. */
  static List<Path> segments(Path store) throws IOException {
    try (Stream<Path> files = Files.list(journal(store))) {
      return files.filter(p -> p.toString().endsWith(".seg") || p.toString().endsWith(".zseg"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }

  static long firstSeqOf(Path segment) {
    return Long.parseLong(segment.getFileName().toString().substring(0, 20));
  }

  static List<Frame> frames(Path seg) throws IOException {
    byte[] file = Files.readAllBytes(seg);
    ByteBuffer b = ByteBuffer.wrap(file);
    List<Frame> out = new ArrayList<>();
    int pos = SEG_HEADER;
    while (pos + FRAME_HEADER <= file.length) {
      int len = b.getInt(pos);
      if (pos + FRAME_HEADER + len > file.length) {
        break;
      }
      byte[] record = new byte[len];
      System.arraycopy(file, pos + FRAME_HEADER, record, 0, len);
      out.add(new Frame(pos, FRAME_HEADER + len, b.getLong(pos + FRAME_HEADER + 2), record));
      pos += FRAME_HEADER + len;
    }
    return out;
  }

  /** Rewrites a {@code .seg} as its header followed by these records, with valid CRCs. */
  static void writeFrames(Path seg, List<byte[]> records) throws IOException {
    byte[] header = new byte[SEG_HEADER];
    System.arraycopy(Files.readAllBytes(seg), 0, header, 0, SEG_HEADER);
    int size = SEG_HEADER + records.stream().mapToInt(r -> FRAME_HEADER + r.length).sum();
    ByteBuffer out = ByteBuffer.allocate(size).put(header);
    for (byte[] r : records) {
      out.putInt(r.length).putInt(crc(r, 0, r.length)).put(r);
    }
    write(seg, out.array());
  }

  /** Writes a file that the store may have made read-only (sealed segments are). */
  static void write(Path file, byte[] bytes) throws IOException {
    file.toFile().setWritable(true);
    Files.write(file, bytes);
  }

  static void flip(Path file, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[Math.toIntExact(offset)] ^= 0x10;
    write(file, bytes);
  }

  /** The block index of a {@code .zseg} (layout in SegmentFormat). */
  static List<Block> blocks(Path zseg) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zseg));
    long indexOffset = b.getLong(b.capacity() - 16);
    int count = b.getInt((int) indexOffset);
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int at = (int) indexOffset + 4 + i * 28;
      out.add(new Block(b.getLong(at), b.getInt(at + 8), b.getLong(at + 12), b.getInt(at + 20)));
    }
    return out;
  }

  /** Every record of the (uncompressed) journal by seq: what a forger would rehash. */
  static List<byte[]> allRecords(Path store) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (Path seg : segments(store)) {
      for (Frame f : frames(seg)) {
        if (f.seq() != out.size()) {
          throw new IllegalStateException("the fixture journal has a gap at " + out.size());
        }
        out.add(f.record());
      }
    }
    return out;
  }

  /** Recomputes tile {@code index} from the records and overwrites it in the tiles file. */
  static void rewriteTile(Path store, long index, List<byte[]> records) throws IOException {
    MerkleHasher hasher = new MerkleHasher();
    CompactRange tile = new CompactRange(hasher);
    int from = Math.toIntExact(index * TileStore.LEAVES_PER_TILE);
    for (int i = from; i < from + TileStore.LEAVES_PER_TILE; i++) {
      tile.append(hasher.leafHash(records.get(i)));
    }
    Path tiles = store.resolve("tiles");
    byte[] bytes = Files.readAllBytes(tiles);
    System.arraycopy(tile.root(), 0, bytes, from / TileStore.LEAVES_PER_TILE * 32, 32);
    write(tiles, bytes);
  }

  /** One checkpoint log entry: where it starts, how long it is, its note. */
  record LogEntry(int offset, int length, String note) {}

  static List<LogEntry> checkpointEntries(Path store) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(store.resolve("checkpoints")));
    List<LogEntry> out = new ArrayList<>();
    int pos = 0;
    while (pos < b.capacity()) {
      int noteLength = b.getInt(pos + 4);
      int tokenLength = b.getInt(pos + 8);
      String note = new String(b.array(), pos + 12, noteLength, StandardCharsets.UTF_8);
      int length = 12 + noteLength + tokenLength + 4;
      out.add(new LogEntry(pos, length, note));
      pos += length;
    }
    return out;
  }

  /**
   * Changes one base64 character of an entry's signature and recomputes the entry's CRC, as a
   * forger would: the log's own checksum is no protection, only the signature is.
   */
  static void forgeSignature(Path store, LogEntry entry) throws IOException {
    Path log = store.resolve("checkpoints");
    byte[] bytes = Files.readAllBytes(log);
    int noteEnd = entry.offset() + 12 + entry.note().getBytes(StandardCharsets.UTF_8).length;
    int at = noteEnd - 1 - 10; // inside the signature's base64, before any padding
    bytes[at] = (byte) (bytes[at] == 'A' ? 'B' : 'A');
    int crcAt = entry.offset() + entry.length() - 4;
    ByteBuffer.wrap(bytes).putInt(crcAt, crc(bytes, entry.offset(), crcAt - entry.offset()));
    write(log, bytes);
  }

  private static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  /** Copies a directory tree (a closed store) to {@code to}. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
          target.toFile().setWritable(true);
        }
      }
    }
  }
}
