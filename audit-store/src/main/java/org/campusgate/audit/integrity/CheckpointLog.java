package org.campusgate.audit.integrity;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.SignedCheckpoint;

/**
 * An append-only file of signed checkpoints, oldest first, each durable when {@link #append}
 * returns. Entry format (integers big-endian):
 *
 * <pre>
 * magic "CGCP" (4) | note length (4) | token length (4, 0 = no token)
 *   | note (UTF-8) | RFC 3161 token (DER) | CRC32C of everything before it (4)
 * </pre>
 *
 * <p>On open, an invalid entry with no valid entry after it is a torn write: it is cut off and
 * {@link #droppedTailBytes()} says how much went. An invalid entry followed by valid ones is
 * corruption and opening fails. Signatures are not checked here; see {@link
 * CheckpointVerifier}. Thread-safe.
 */
public final class CheckpointLog implements Closeable {

  /** Largest time stamp token stored. */
  public static final int MAX_TOKEN_BYTES = 64 * 1024;

  private static final int MAGIC = 0x43474350; // "CGCP"
  private static final int HEADER = 12;
  private static final int TRAILER = 4;
  private static final int SCAN_CHUNK = 64 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final long droppedTailBytes;
  private long end;
  private long[] offsets = new long[16];
  private long[] treeSizes = new long[16];
  private int count;

  private CheckpointLog(Path file, FileChannel channel, long droppedTailBytes) {
    this.file = file;
    this.channel = channel;
    this.droppedTailBytes = droppedTailBytes;
  }

  /** Opens or creates a log, recovering from a torn last entry. */
  public static CheckpointLog open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      return scan(file, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static CheckpointLog scan(Path file, FileChannel ch) throws IOException {
    long size = ch.size();
    List<long[]> index = new ArrayList<>();
    long pos = 0;
    while (pos < size) {
      Entry e = tryRead(ch, pos, size);
      if (e == null) {
        long next = findValidEntry(ch, pos + 1, size);
        if (next >= 0) {
          ch.close();
          salvage(file);
          return scan(file, FileChannel.open(file, StandardOpenOption.READ,
              StandardOpenOption.WRITE));
        }
        break;
      }
      index.add(new long[] {pos, e.signed.checkpoint().treeSize()});
      pos += e.length;
    }
    long dropped = size - pos;
    if (dropped > 0) {
      ch.truncate(pos);
      ch.force(true);
    }
    CheckpointLog log = new CheckpointLog(file, ch, dropped);
    for (long[] entry : index) {
      log.remember(entry[0], entry[1]);
    }
    log.end = pos;
    return log;
  }

  /**
   * Damage in the middle of the log is never repaired in place: the damaged file is kept beside
   * the log as {@code <name>.damaged-<millis>} (evidence, reported by verification every time)
   * and the log continues with every entry that is still valid, in order.
   */
  private static void salvage(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".salvage");
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      long size = in.size();
      long pos = 0;
      while (pos < size) {
        Entry e = tryRead(in, pos, size);
        if (e == null) {
          pos = findValidEntry(in, pos + 1, size);
          if (pos < 0) {
            break;
          }
          continue;
        }
        in.transferTo(pos, e.length, out);
        pos += e.length;
      }
      out.force(true);
    }
    Path damaged = file.resolveSibling(file.getFileName() + ".damaged-"
        + System.currentTimeMillis());
    Files.move(file, damaged, StandardCopyOption.ATOMIC_MOVE);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Damaged copies of this log kept by earlier opens; each one means the log was tampered with. */
  public List<Path> damagedCopies() throws IOException {
    String prefix = file.getFileName() + ".damaged-";
    try (var files = Files.list(file.toAbsolutePath().getParent())) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  /** How many bytes of a torn last entry were cut off on open. */
  public long droppedTailBytes() {
    return droppedTailBytes;
  }

  /** How many checkpoints the log holds. */
  public synchronized int count() {
    return count;
  }

  /**
   * Appends a checkpoint and forces it to the device.
   *
   * @throws IllegalArgumentException when its note does not hold its checkpoint, its token is
   *     too large, or its tree size is smaller than the latest one's
   */
  public synchronized void append(SignedCheckpoint signed) throws IOException {
    Objects.requireNonNull(signed, "signed");
    Checkpoint inNote;
    try {
      inNote = CheckpointText.parse(SignedNote.parse(signed.note()).body());
    } catch (CheckpointException e) {
      throw new IllegalArgumentException("not a checkpoint note: " + e.getMessage(), e);
    }
    if (!inNote.equals(signed.checkpoint())) {
      throw new IllegalArgumentException("the note holds " + inNote + ", not "
          + signed.checkpoint());
    }
    if (count > 0 && signed.checkpoint().treeSize() < treeSizes[count - 1]) {
      throw new IllegalArgumentException("tree size " + signed.checkpoint().treeSize()
          + " is below the latest checkpoint's " + treeSizes[count - 1]);
    }
    byte[] note = signed.note().getBytes(StandardCharsets.UTF_8);
    byte[] token = signed.timestampToken() == null ? new byte[0] : signed.timestampToken();
    if (token.length > MAX_TOKEN_BYTES) {
      throw new IllegalArgumentException("time stamp token larger than " + MAX_TOKEN_BYTES);
    }
    ByteBuffer buf = ByteBuffer.allocate(HEADER + note.length + token.length + TRAILER);
    buf.putInt(MAGIC).putInt(note.length).putInt(token.length).put(note).put(token);
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    buf.flip();
    long pos = end;
    long at = pos;
    try {
      while (buf.hasRemaining()) {
        at += channel.write(buf, at);
      }
      channel.force(false);
    } catch (IOException e) {
      try {
        channel.truncate(pos); // leave no partial entry behind a later append
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    end = at;
    remember(pos, signed.checkpoint().treeSize());
  }

  /** Every checkpoint, oldest first. */
  public synchronized List<SignedCheckpoint> readAll() throws IOException {
    return readFrom(0);
  }

  /** The checkpoints whose tree size is larger than {@code treeSize}, oldest first. */
  public synchronized List<SignedCheckpoint> after(long treeSize) throws IOException {
    // Tree sizes never decrease, so binary search for the first larger one.
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (treeSizes[mid] <= treeSize) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return readFrom(lo);
  }

  /** The newest checkpoint, if any. */
  public synchronized Optional<SignedCheckpoint> latest() throws IOException {
    return count == 0 ? Optional.empty() : Optional.of(read(count - 1));
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private List<SignedCheckpoint> readFrom(int first) throws IOException {
    List<SignedCheckpoint> out = new ArrayList<>(count - first);
    for (int i = first; i < count; i++) {
      out.add(read(i));
    }
    return out;
  }

  private SignedCheckpoint read(int i) throws IOException {
    Entry e = tryRead(channel, offsets[i], end);
    if (e == null) {
      throw new IOException("checkpoint log " + file + ": entry at byte " + offsets[i]
          + " has been damaged since it was opened");
    }
    return e.signed;
  }

  private void remember(long offset, long treeSize) {
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2);
      treeSizes = Arrays.copyOf(treeSizes, count * 2);
    }
    offsets[count] = offset;
    treeSizes[count] = treeSize;
    count++;
  }

  private record Entry(SignedCheckpoint signed, long length) {}

  /** The entry at {@code pos}, or null when the bytes there are not a whole valid entry. */
  private static Entry tryRead(FileChannel ch, long pos, long limit) throws IOException {
    if (limit - pos < HEADER + TRAILER) {
      return null;
    }
    ByteBuffer head = ByteBuffer.allocate(HEADER);
    readFully(ch, head, pos);
    head.flip();
    int magic = head.getInt();
    int noteLen = head.getInt();
    int tokenLen = head.getInt();
    if (magic != MAGIC || noteLen <= 0 || noteLen > SignedNote.MAX_NOTE_BYTES
        || tokenLen < 0 || tokenLen > MAX_TOKEN_BYTES) {
      return null;
    }
    long length = (long) HEADER + noteLen + tokenLen + TRAILER;
    if (pos + length > limit) {
      return null;
    }
    ByteBuffer all = ByteBuffer.allocate((int) length);
    readFully(ch, all, pos);
    byte[] bytes = all.array();
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - TRAILER);
    if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - TRAILER, 4).getInt()) {
      return null;
    }
    String note = new String(bytes, HEADER, noteLen, StandardCharsets.UTF_8);
    byte[] token = tokenLen == 0 ? null
        : Arrays.copyOfRange(bytes, HEADER + noteLen, HEADER + noteLen + tokenLen);
    try {
      Checkpoint cp = CheckpointText.parse(SignedNote.parse(note).body());
      return new Entry(new SignedCheckpoint(cp, note, token), length);
    } catch (CheckpointException e) {
      return null;
    }
  }

  /** The offset of the first valid entry at or after {@code from}, or -1. */
  private static long findValidEntry(FileChannel ch, long from, long limit) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(SCAN_CHUNK);
    long base = from;
    while (limit - base >= HEADER + TRAILER) {
      chunk.clear();
      chunk.limit((int) Math.min(SCAN_CHUNK, limit - base));
      readFully(ch, chunk, base);
      int n = chunk.position();
      byte[] b = chunk.array();
      for (int i = 0; i + 4 <= n; i++) {
        if (b[i] == 'C' && b[i + 1] == 'G' && b[i + 2] == 'C' && b[i + 3] == 'P'
            && tryRead(ch, base + i, limit) != null) {
          return base + i;
        }
      }
      base += Math.max(1, n - 3); // overlap so a magic across chunks is seen
    }
    return -1;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    long at = pos;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, at);
      if (r < 0) {
        throw new IOException("unexpected end of checkpoint log at byte " + at);
      }
      at += r;
    }
  }
}
