package org.campusgate.audit.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/** A durable watermark: one number in a small text file, replaced atomically. */
final class SeqFile {
  private final Path file;

  SeqFile(Path file) {
    this.file = file;
  }

  OptionalLong read() throws IOException {
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (!text.startsWith("seq=")) {
      throw new IOException("corrupt watermark file " + file + ": " + text);
    }
    try {
      return OptionalLong.of(Long.parseLong(text.substring(4)));
    } catch (NumberFormatException e) {
      throw new IOException("corrupt watermark file " + file + ": " + text, e);
    }
  }

  void write(long seq) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(("seq=" + seq + "\n").getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
