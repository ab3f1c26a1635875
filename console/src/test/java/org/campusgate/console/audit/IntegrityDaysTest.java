package org.campusgate.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.TestEvents;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Days verified one by one; closed days once; a record edited on disk shows on its day. */
class IntegrityDaysTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 12);
  private static final Clock LATER = Clock.fixed(Instant.parse("2026-10-13T12:00:00Z"),
      ZoneOffset.UTC);

  @TempDir Path dir;

  private EmbeddedStoreConfig config() {
    return EmbeddedStoreConfig.builder(dir.resolve("audit"), "campusgate/test/integrity")
        .zone(ZoneOffset.UTC).commitInterval(Duration.ofMillis(20))
        .compressSealedSegments(false).build();
  }

  private void record(int count) throws Exception {
    TestEvents make = new TestEvents();
    List<AccessEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(make.access(Instant.parse("2026-10-12T08:00:00Z").plusSeconds(60L * i)
          .toString(), "alice", "10.0.0.1", "example.com").build());
    }
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config())) {
      s.append(events).awaitDurable(Duration.ofSeconds(30));
      s.checkpointNow();
    }
  }

  @Test
  void closedDaysAreVerifiedOnceAndTheOpenDayEveryTime() throws Exception {
    record(10);
    AtomicInteger verifies = new AtomicInteger();
    try (EmbeddedAuditStore real = EmbeddedAuditStore.open(config())) {
      AuditStore counting = (AuditStore) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {AuditStore.class}, (proxy, method, args) -> {
            if (method.getName().equals("verify")) {
              verifies.incrementAndGet();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      IntegrityDays days = new IntegrityDays(() -> counting, LATER, 10);
      List<IntegrityDays.DayStatus> first = days.days(DAY, DAY.plusDays(1), ZoneOffset.UTC);
      assertThat(first).extracting(IntegrityDays.DayStatus::intact).containsExactly(true, true);
      assertThat(first.get(0).recordsChecked()).isEqualTo(10);
      days.days(DAY, DAY.plusDays(1), ZoneOffset.UTC);
      assertThat(verifies).as("12 Oct is closed at noon on the 13th; the 13th is not")
          .hasValue(3);
    }
  }

  @Test
  void aRecordEditedOnDiskIsAProblemOfItsDay() throws Exception {
    record(10);
    editMiddleRecord();
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config())) {
      IntegrityDays days = new IntegrityDays(() -> s, LATER, 10);
      IntegrityDays.DayStatus status = days.day(DAY, ZoneOffset.UTC);
      assertThat(status.intact()).isFalse();
      assertThat(status.problemCount()).isPositive();
      assertThat(status.problems()).isNotEmpty();
    }
  }

  /**
   * Changes one byte near the end of the middle record of the journal's {@code .seg} and writes
   * a matching checksum, as someone editing the file would: only the hashes can tell.
   */
  private void editMiddleRecord() throws IOException {
    Path seg;
    try (Stream<Path> files = Files.list(dir.resolve("audit/journal"))) {
      seg = files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(seg);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    List<Integer> frames = new ArrayList<>();
    for (int pos = 20; pos + 8 <= bytes.length; pos += 8 + b.getInt(pos)) {
      frames.add(pos);
    }
    int frame = frames.get(frames.size() / 2);
    int length = b.getInt(frame);
    bytes[frame + 8 + length - 3] ^= 0x01;
    CRC32C crc = new CRC32C();
    crc.update(bytes, frame + 8, length);
    b.putInt(frame + 4, (int) crc.getValue());
    seg.toFile().setWritable(true);
    Files.write(seg, bytes);
  }
}
