package org.campusgate.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.integrity.CheckpointException.Reason;

/**
 * A C2SP signed note split into its body and signature lines: the body (ending in a newline),
 * a blank line, then lines {@code — <key name> <base64(4-byte key id ‖ signature)>}, each
 * ending in a newline (the dash is U+2014 EM DASH, then a space).
 *
 * @param body the signed text, including its final newline
 * @param signatures the signature lines, in order
 */
public record SignedNote(String body, List<SignedNote.Signature> signatures) {

  /** Largest note accepted, in UTF-8 bytes; checkpoints are a few hundred. */
  public static final int MAX_NOTE_BYTES = 64 * 1024;
  /** Most signature lines accepted (as the Go reference implementation). */
  public static final int MAX_SIGNATURES = 100;

  static final String SIG_PREFIX = "\u2014 ";

  /**
   * One signature line.
   *
   * @param keyName the signer's key name
   * @param keyId its 4-byte key id
   * @param signature the signature bytes
   */
  public record Signature(String keyName, byte[] keyId, byte[] signature) {
    public Signature {
      NoteNames.check(keyName);
      keyId = Objects.requireNonNull(keyId, "keyId").clone();
      signature = Objects.requireNonNull(signature, "signature").clone();
      if (keyId.length != 4) {
        throw new IllegalArgumentException("a key id has 4 bytes");
      }
    }

    @Override
    public byte[] keyId() {
      return keyId.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    String line() {
      byte[] blob = new byte[4 + signature.length];
      System.arraycopy(keyId, 0, blob, 0, 4);
      System.arraycopy(signature, 0, blob, 4, signature.length);
      return SIG_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    boolean isFrom(VerifierKey key) {
      return keyName.equals(key.name()) && Arrays.equals(keyId, key.keyId());
    }
  }

  public SignedNote {
    Objects.requireNonNull(body, "body");
    signatures = List.copyOf(signatures);
  }

  /** The whole note text. */
  public String text() {
    StringBuilder sb = new StringBuilder(body).append('\n');
    for (Signature s : signatures) {
      sb.append(s.line());
    }
    return sb.toString();
  }

  /**
   * Splits a note into body and signatures, checking its form (not the signatures).
   *
   * @throws CheckpointException with {@link Reason#MALFORMED}
   */
  public static SignedNote parse(String note) throws CheckpointException {
    Objects.requireNonNull(note, "note");
    if (note.length() > MAX_NOTE_BYTES
        || note.getBytes(StandardCharsets.UTF_8).length > MAX_NOTE_BYTES) {
      throw malformed("note longer than " + MAX_NOTE_BYTES + " bytes");
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n' || c == 0x7f) {
        throw malformed("control character at " + i);
      }
    }
    if (!note.endsWith("\n")) {
      throw malformed("note must end with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("no blank line between text and signatures");
    }
    String body = note.substring(0, split + 1);
    String sigText = note.substring(split + 2);
    if (sigText.isEmpty()) {
      throw malformed("no signature lines");
    }
    String[] lines = sigText.substring(0, sigText.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw malformed("more than " + MAX_SIGNATURES + " signatures");
    }
    List<Signature> sigs = new ArrayList<>(lines.length);
    for (String line : lines) {
      sigs.add(parseSignatureLine(line));
    }
    return new SignedNote(body, sigs);
  }

  private static Signature parseSignatureLine(String line) throws CheckpointException {
    if (!line.startsWith(SIG_PREFIX)) {
      throw malformed("signature line must start with an em dash and a space");
    }
    String rest = line.substring(SIG_PREFIX.length());
    int space = rest.lastIndexOf(' ');
    if (space <= 0) {
      throw malformed("signature line must be '— <key name> <signature>'");
    }
    String name = rest.substring(0, space);
    String b64 = rest.substring(space + 1);
    if (!NoteNames.isValid(name)) {
      throw malformed("bad key name in signature line");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw malformed("signature is not base64");
    }
    if (blob.length < 5 || !Base64.getEncoder().encodeToString(blob).equals(b64)) {
      throw malformed("signature must be canonical base64 of a key id and signature");
    }
    return new Signature(name, Arrays.copyOf(blob, 4), Arrays.copyOfRange(blob, 4, blob.length));
  }

  private static CheckpointException malformed(String message) {
    return new CheckpointException(Reason.MALFORMED, message);
  }
}
