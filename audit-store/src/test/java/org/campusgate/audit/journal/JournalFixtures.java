package org.campusgate.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers for journal tests: encoded records, appending, and frame positions in a file. */
final class JournalFixtures {
  private JournalFixtures() {}

  static byte[] record(long seq) {
    return new RecordCodec().encode(seq, SampleRecords.numbered(seq));
  }

  /** Appends records {@code [from, to)} in batches of {@code batch}, forcing after each. */
  static void appendRange(Journal j, long from, long to, int batch) throws IOException {
    RecordCodec codec = new RecordCodec();
    for (long s = from; s < to; ) {
      List<byte[]> b = new ArrayList<>();
      for (int i = 0; i < batch && s < to; i++, s++) {
        b.add(codec.encode(s, SampleRecords.numbered(s)));
      }
      j.append(b);
      j.force();
    }
  }

  /** A frame of a .seg: where it starts and how long it is in all (header + record). */
  record Frame(long offset, int size, long seq) {}

  static List<Frame> frames(Path seg) throws IOException {
    byte[] file = Files.readAllBytes(seg);
    ByteBuffer b = ByteBuffer.wrap(file);
    List<Frame> out = new ArrayList<>();
    int pos = SegmentFormat.HEADER_SIZE;
    while (pos + 8 <= file.length) {
      int len = b.getInt(pos);
      if (pos + 8 + len > file.length) {
        break;
      }
      out.add(new Frame(pos, 8 + len, b.getLong(pos + 8 + 2)));
      pos += 8 + len;
    }
    return out;
  }

  /** A writable copy of a (possibly read-only) file. */
  static Path copy(Path src, Path dst) throws IOException {
    Files.write(dst, Files.readAllBytes(src));
    return dst;
  }

  static void flip(Path file, long offset) throws IOException {
    file.toFile().setWritable(true);
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset] ^= 0x10;
    Files.write(file, bytes);
  }
}
