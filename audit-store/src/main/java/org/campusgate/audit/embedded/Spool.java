package org.campusgate.audit.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.journal.Journal;
import org.campusgate.audit.journal.JournalOptions;
import org.campusgate.audit.journal.RecordCodec;
import org.campusgate.audit.journal.SegmentInfo;

/**
 * The overflow journal of {@link org.campusgate.audit.OverflowMode#SPOOL}: when the writer's
 * queue is full, callers write their records here themselves (forced before the append returns)
 * and the writer ingests them into the main journal once it has caught up.
 *
 * <p>Spooled records carry spool-local sequence numbers; they get their place in the main
 * journal (and the Merkle tree) when ingested. A crash between ingesting a backlog and recording
 * that it was consumed ingests it again on restart: a record may then appear twice, never zero
 * times.
 */
final class Spool implements Closeable {

  /** Records read from the spool, and the spool position after them. */
  record Backlog(List<AuditRecord> records, long next) {}

  private final Journal journal;
  private final Path consumedFile;
  private final RecordCodec writeCodec = new RecordCodec();
  private final RecordCodec readCodec = new RecordCodec();
  private volatile long consumed;

  Spool(Path dir, JournalOptions options) throws IOException {
    Files.createDirectories(dir);
    this.journal = Journal.open(dir, options.withCompressSealed(false));
    this.consumedFile = dir.resolve("consumed");
    this.consumed = Files.exists(consumedFile)
        ? Long.parseLong(Files.readString(consumedFile, StandardCharsets.US_ASCII).trim())
        : journal.segments().isEmpty() ? 0 : journal.segments().get(0).firstSeq();
  }

  /** Writes and forces the records; they are durable when this returns. */
  synchronized void write(List<? extends AuditRecord> records) throws IOException {
    long first = journal.nextSeq();
    List<byte[]> encoded = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      encoded.add(writeCodec.encode(first + i, records.get(i)));
    }
    journal.append(encoded);
    journal.force();
  }

  boolean hasBacklog() {
    return consumed < journal.nextSeq();
  }

  /** Up to {@code max} spooled records not yet ingested, oldest first. Writer thread only. */
  Backlog peek(int max) throws IOException {
    long from = consumed;
    long to = Math.min(journal.nextSeq(), from + max);
    List<AuditRecord> out = new ArrayList<>((int) (to - from));
    journal.scan(from, to, (seq, bytes) -> out.add(readCodec.decode(bytes).record()));
    return new Backlog(out, to);
  }

  /** Records that the backlog is in the main journal, and drops spool segments wholly consumed. */
  synchronized void consumed(Backlog backlog) throws IOException {
    Path tmp = consumedFile.resolveSibling("consumed.tmp");
    Files.writeString(tmp, Long.toString(backlog.next()), StandardCharsets.US_ASCII);
    Files.move(tmp, consumedFile, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    consumed = backlog.next();
    for (SegmentInfo s : journal.segments()) {
      if (s.sealed() && s.firstSeq() + s.recordCount() <= consumed) {
        journal.deleteSegment(s.name());
      }
    }
  }

  /** Records waiting in the spool. */
  long backlog() {
    return journal.nextSeq() - consumed;
  }

  @Override
  public synchronized void close() throws IOException {
    journal.close();
  }

  static Spool open(Path dir, JournalOptions options) throws IOException {
    return new Spool(Objects.requireNonNull(dir, "dir"), options);
  }
}
