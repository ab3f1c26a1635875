package org.campusgate.audit.integrity;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.integrity.CheckpointException.Reason;

/**
 * The C2SP tlog-checkpoint body of a {@link Checkpoint}:
 *
 * <pre>
 * &lt;origin&gt;\n
 * &lt;tree size, decimal&gt;\n
 * &lt;root hash, standard base64 with padding&gt;\n
 * time &lt;RFC 3339 UTC instant, as Instant.toString()&gt;\n
 * </pre>
 *
 * <p>Parsing is strict: exactly these four lines, LF line ends, canonical number, base64 and
 * time forms, so that one checkpoint has exactly one body.
 */
public final class CheckpointText {

  static final String TIME_PREFIX = "time ";
  private static final int MAX_ORIGIN_CHARS = 1024;

  private CheckpointText() {}

  /** The body text of {@code checkpoint}. */
  public static String body(Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    checkOrigin(checkpoint.origin());
    return checkpoint.origin() + "\n"
        + checkpoint.treeSize() + "\n"
        + Base64.getEncoder().encodeToString(checkpoint.rootHash()) + "\n"
        + TIME_PREFIX + checkpoint.time() + "\n";
  }

  /**
   * Parses a body.
   *
   * @throws CheckpointException with {@link Reason#MALFORMED} saying what is wrong
   */
  public static Checkpoint parse(String body) throws CheckpointException {
    Objects.requireNonNull(body, "body");
    if (!body.endsWith("\n")) {
      throw malformed("checkpoint body must end with a newline");
    }
    if (body.indexOf('\r') >= 0) {
      throw malformed("checkpoint body must use LF line ends");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length != 4) {
      throw malformed("checkpoint body must have 4 lines (origin, size, root, time), not "
          + lines.length);
    }
    String origin = lines[0];
    if (!validOrigin(origin)) {
      throw malformed("bad origin line");
    }
    long size = parseSize(lines[1]);
    byte[] root = parseRoot(lines[2]);
    Instant time = parseTime(lines[3]);
    return new Checkpoint(origin, size, root, time);
  }

  private static long parseSize(String s) throws CheckpointException {
    if (!s.matches("0|[1-9][0-9]{0,18}")) {
      throw malformed("tree size must be a decimal number without sign or leading zeros: '"
          + abbreviate(s) + "'");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw malformed("tree size out of range: " + s);
    }
  }

  private static byte[] parseRoot(String s) throws CheckpointException {
    byte[] root;
    try {
      root = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw malformed("root hash is not base64");
    }
    if (root.length != MerkleHasher.HASH_SIZE) {
      throw malformed("root hash must have 32 bytes, not " + root.length);
    }
    if (!Base64.getEncoder().encodeToString(root).equals(s)) {
      throw malformed("root hash is not canonical base64");
    }
    return root;
  }

  private static Instant parseTime(String line) throws CheckpointException {
    if (!line.startsWith(TIME_PREFIX)) {
      throw malformed("fourth line must be 'time <RFC 3339 instant>'");
    }
    String s = line.substring(TIME_PREFIX.length());
    Instant t;
    try {
      t = Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw malformed("bad time '" + abbreviate(s) + "'");
    }
    if (!t.toString().equals(s)) {
      throw malformed("time must be in canonical UTC form ('" + t + "'), not '" + s + "'");
    }
    return t;
  }

  static void checkOrigin(String origin) {
    if (!validOrigin(origin)) {
      throw new IllegalArgumentException("origin must be 1 to " + MAX_ORIGIN_CHARS
          + " characters without control characters");
    }
  }

  private static boolean validOrigin(String origin) {
    if (origin.isEmpty() || origin.length() > MAX_ORIGIN_CHARS) {
      return false;
    }
    for (int i = 0; i < origin.length(); i++) {
      if (Character.isISOControl(origin.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static CheckpointException malformed(String message) {
    return new CheckpointException(Reason.MALFORMED, message);
  }
}
