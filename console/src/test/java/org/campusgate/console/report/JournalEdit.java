package org.campusgate.console.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/** Tampering with an embedded audit store's journal on disk, as an intruder would. */
public final class JournalEdit {
  private JournalEdit() {}

  /**
   * Changes one byte near the end of the record with {@code seq} in its {@code .seg} and writes a
   * matching checksum: only the hashes can tell (layout: 20-byte segment header, frames of
   * length, CRC32C and record; a record's seq at its byte 2).
   */
  public static void editRecord(Path store, long seq) throws IOException {
    Path seg;
    try (Stream<Path> files = Files.list(store.resolve("journal"))) {
      seg = files.filter(p -> p.getFileName().toString().endsWith(".seg"))
          .filter(p -> Long.parseLong(p.getFileName().toString().substring(0, 20)) <= seq)
          .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(seg);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    for (int pos = 20; pos + 8 <= bytes.length; pos += 8 + b.getInt(pos)) {
      int length = b.getInt(pos);
      if (b.getLong(pos + 8 + 2) == seq) {
        bytes[pos + 8 + length - 3] ^= 0x01;
        CRC32C crc = new CRC32C();
        crc.update(bytes, pos + 8, length);
        b.putInt(pos + 4, (int) crc.getValue());
        seg.toFile().setWritable(true);
        Files.write(seg, bytes);
        return;
      }
    }
    throw new IllegalStateException("no record " + seq + " in " + seg);
  }
}
