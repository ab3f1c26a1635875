package org.campusgate.audit.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The on-disk form of one day's roll-ups: gzip of a string table then fixed rows, with the
 * {@link CommitStamp} of the index commit it matches. Written atomically (temp, fsync, rename).
 */
final class RollupFile {
  static final String NAME = "rollups.bin";
  private static final int MAGIC = 0x43475255; // "CGRU"
  private static final int VERSION = 1;
  private static final int MAX_ROWS = 5_000_000;
  private static final int MAX_STRINGS = 5_000_000;

  /** The file's content. */
  record Content(CommitStamp stamp, Map<RollupKey, RollupSums> rows) {}

  private RollupFile() {}

  static void write(Path file, CommitStamp stamp, Map<RollupKey, RollupSums> rows)
      throws IOException {
    Map<String, Integer> dict = new HashMap<>();
    List<String> strings = new ArrayList<>();
    for (RollupKey k : rows.keySet()) {
      for (String s : strings(k)) {
        dict.computeIfAbsent(s, x -> { strings.add(x); return strings.size() - 1; });
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream os = Files.newOutputStream(tmp);
        DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(os, 1 << 16)))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(stamp.seq());
      out.writeLong(stamp.maxSeq());
      out.writeLong(stamp.gen());
      out.writeInt(strings.size());
      for (String s : strings) {
        out.writeUTF(s);
      }
      out.writeInt(rows.size());
      for (Map.Entry<RollupKey, RollupSums> e : rows.entrySet()) {
        RollupKey k = e.getKey();
        out.writeLong(k.hourStartMillis());
        out.writeInt(dict.get(k.school()));
        out.writeInt(k.groups().size());
        for (String g : k.groups()) {
          out.writeInt(dict.get(g));
        }
        out.writeInt(dict.get(k.category()));
        out.writeInt(dict.get(k.app()));
        out.writeInt(dict.get(k.action()));
        out.writeInt(dict.get(k.reason()));
        out.writeLong(e.getValue().count());
        out.writeLong(e.getValue().bytesUp());
        out.writeLong(e.getValue().bytesDown());
      }
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads a roll-up file; null when it does not exist. */
  static Content read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in =
            new DataInputStream(new BufferedInputStream(new GZIPInputStream(is, 1 << 16)))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException("not a roll-up file: " + file);
      }
      CommitStamp stamp = new CommitStamp(in.readLong(), in.readLong(), in.readLong());
      String[] strings = new String[bounded(in.readInt(), MAX_STRINGS, file)];
      for (int i = 0; i < strings.length; i++) {
        strings[i] = in.readUTF();
      }
      int n = bounded(in.readInt(), MAX_ROWS, file);
      Map<RollupKey, RollupSums> rows = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        long hour = in.readLong();
        String school = strings[in.readInt()];
        String[] groups = new String[bounded(in.readInt(), 1024, file)];
        for (int g = 0; g < groups.length; g++) {
          groups[g] = strings[in.readInt()];
        }
        RollupKey k = new RollupKey(hour, school, List.of(groups), strings[in.readInt()],
            strings[in.readInt()], strings[in.readInt()], strings[in.readInt()]);
        rows.put(k, new RollupSums(in.readLong(), in.readLong(), in.readLong()));
      }
      return new Content(stamp, rows);
    } catch (RuntimeException e) { // bad index, bad stamp: treat as corrupt
      throw new IOException("corrupt roll-up file " + file + ": " + e.getMessage(), e);
    }
  }

  private static int bounded(int n, int max, Path file) throws IOException {
    if (n < 0 || n > max) {
      throw new IOException("corrupt roll-up file " + file + ": count " + n);
    }
    return n;
  }

  private static List<String> strings(RollupKey k) {
    List<String> s = new ArrayList<>(6 + k.groups().size());
    s.add(k.school());
    s.addAll(k.groups());
    s.add(k.category());
    s.add(k.app());
    s.add(k.action());
    s.add(k.reason());
    return s;
  }
}
