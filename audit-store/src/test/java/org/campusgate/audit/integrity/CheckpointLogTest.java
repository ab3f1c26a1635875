package org.campusgate.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.SignedCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLogTest {

  @TempDir Path dir;

  private final CheckpointSigner signer = new CheckpointSigner(GatewayKeys.generate("gw"));

  private SignedCheckpoint checkpoint(long size, byte[] token) {
    byte[] root = new MerkleHasher().leafHash(new byte[] {(byte) size});
    SignedCheckpoint s = signer.sign(new Checkpoint("gw", size, root,
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(size)));
    return new SignedCheckpoint(s.checkpoint(), s.note(), token);
  }

  @Test
  void appendsAndReadsBackAfterReopen() throws IOException {
    Path file = dir.resolve("checkpoints");
    try (CheckpointLog log = CheckpointLog.open(file)) {
      assertThat(log.latest()).isEmpty();
      log.append(checkpoint(10, null));
      log.append(checkpoint(20, new byte[] {1, 2, 3}));
      log.append(checkpoint(20, null));
      log.append(checkpoint(35, null));
    }
    try (CheckpointLog log = CheckpointLog.open(file)) {
      assertThat(log.droppedTailBytes()).isZero();
      assertThat(log.count()).isEqualTo(4);
      List<SignedCheckpoint> all = log.readAll();
      assertThat(all).extracting(s -> s.checkpoint().treeSize()).containsExactly(10L, 20L, 20L,
          35L);
      assertThat(all.get(1).timestampToken()).containsExactly(1, 2, 3);
      assertThat(all.get(0).timestampToken()).isNull();
      assertThat(all.get(3).note()).isEqualTo(checkpoint(35, null).note());
      assertThat(log.after(20)).extracting(s -> s.checkpoint().treeSize()).containsExactly(35L);
      assertThat(log.after(19)).hasSize(3);
      assertThat(log.after(0)).hasSize(4);
      assertThat(log.after(35)).isEmpty();
      assertThat(log.latest()).get().extracting(s -> s.checkpoint().treeSize()).isEqualTo(35L);
      log.append(checkpoint(40, null));
      assertThat(log.readAll()).hasSize(5);
    }
  }

  @Test
  void refusesShrinkingTreesAndMismatchedNotes() throws IOException {
    try (CheckpointLog log = CheckpointLog.open(dir.resolve("checkpoints"))) {
      log.append(checkpoint(10, null));
      assertThatThrownBy(() -> log.append(checkpoint(9, null)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below");
      SignedCheckpoint lying = new SignedCheckpoint(checkpoint(11, null).checkpoint(),
          checkpoint(12, null).note(), null);
      assertThatThrownBy(() -> log.append(lying)).hasMessageContaining("the note holds");
    }
  }

  @Test
  void cutsOffATornLastEntry() throws IOException {
    Path file = dir.resolve("checkpoints");
    try (CheckpointLog log = CheckpointLog.open(file)) {
      log.append(checkpoint(10, null));
      log.append(checkpoint(20, new byte[100]));
    }
    long full = Files.size(file);
    // A crash in the middle of the third append.
    try (CheckpointLog log = CheckpointLog.open(file)) {
      log.append(checkpoint(30, null));
    }
    long third = Files.size(file) - full;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(full + third / 2);
    }
    try (CheckpointLog log = CheckpointLog.open(file)) {
      assertThat(log.droppedTailBytes()).isEqualTo(third / 2);
      assertThat(log.readAll()).extracting(s -> s.checkpoint().treeSize())
          .containsExactly(10L, 20L);
      log.append(checkpoint(30, null));
    }
    // Zeros where the last entry should be (size grew, data never landed).
    Files.write(file, new byte[64], StandardOpenOption.APPEND);
    try (CheckpointLog log = CheckpointLog.open(file)) {
      assertThat(log.droppedTailBytes()).isEqualTo(64);
      assertThat(log.count()).isEqualTo(3);
    }
    assertThat(Files.size(file)).isEqualTo(full + third);
  }

  @Test
  void keepsADamagedLogAsideAndContinuesWithItsValidEntries() throws IOException {
    Path file = dir.resolve("checkpoints");
    try (CheckpointLog log = CheckpointLog.open(file)) {
      log.append(checkpoint(10, null));
      log.append(checkpoint(20, null));
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(20);
      int b = raf.read();
      raf.seek(20);
      raf.write(b ^ 1);
    }
    byte[] damagedBytes = Files.readAllBytes(file);
    try (CheckpointLog log = CheckpointLog.open(file)) {
      assertThat(log.readAll()).extracting(c -> c.checkpoint().treeSize()).containsExactly(20L);
      assertThat(log.damagedCopies()).singleElement()
          .satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(damagedBytes));
      log.append(checkpoint(30, null));
    }
    try (CheckpointLog log = CheckpointLog.open(file)) {
      assertThat(log.readAll()).extracting(c -> c.checkpoint().treeSize())
          .containsExactly(20L, 30L);
      assertThat(log.damagedCopies()).hasSize(1);
    }
  }
}
