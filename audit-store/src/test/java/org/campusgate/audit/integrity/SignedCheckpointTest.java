package org.campusgate.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.SignedCheckpoint;
import org.campusgate.audit.integrity.CheckpointException.Reason;
import org.junit.jupiter.api.Test;

class SignedCheckpointTest {

  // The example key, text and signature of the C2SP signed-note reference implementation
  // (golang.org/x/mod/sumdb/note documentation and tests).
  private static final String GO_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String GO_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
      + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6Ryy"
      + "BwJnAM=\n";
  // The example.com/foo verifier key and note from the C2SP signed-note examples.
  private static final String FOO_VKEY =
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
  private static final String FOO_NOTE =
      "This is an example message.\n\n\u2014 example.com/foo "
      + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72"
      + "IneyaQM=\n";

  private final GatewayKeys keys = GatewayKeys.generate("campusgate/school-1/gw-1");
  private final CheckpointSigner signer = new CheckpointSigner(keys);
  private final CheckpointVerifier verifier = new CheckpointVerifier(keys.verifierKey().text());
  private final Checkpoint checkpoint = new Checkpoint("campusgate/school-1/gw-1", 42,
      new MerkleHasher().leafHash(new byte[] {7}), Instant.parse("2026-03-01T08:15:30.123Z"));

  @Test
  void keyIdKeyFormatsAndSignatureMatchTheReferenceExampleByteForByte() throws Exception {
    GatewayKeys peter = GatewayKeys.parse(GO_SKEY);
    assertThat(peter.verifierKey().text()).isEqualTo(GO_VKEY);
    assertThat(peter.signerKeyText()).isEqualTo(GO_SKEY);
    // Ed25519 is deterministic, so the whole note must come out identical.
    byte[] sig = peter.sign(GO_TEXT.getBytes(StandardCharsets.UTF_8));
    SignedNote note = new SignedNote(GO_TEXT, List.of(new SignedNote.Signature("PeterNeumann",
        peter.verifierKey().keyId(), sig)));
    assertThat(note.text()).isEqualTo(GO_NOTE);
    assertThat(SignedNote.parse(GO_NOTE)).usingRecursiveComparison().isEqualTo(note);
    // The reference note's signature verifies; only its body is not a checkpoint.
    assertThatThrownBy(() -> new CheckpointVerifier(GO_VKEY).verify(GO_NOTE))
        .isInstanceOfSatisfying(CheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    assertThatThrownBy(() -> new CheckpointVerifier(FOO_VKEY).verify(FOO_NOTE))
        .isInstanceOfSatisfying(CheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    assertThat(VerifierKey.parse(FOO_VKEY).keyIdHex()).isEqualTo("530d903a");
  }

  @Test
  void signedCheckpointHasTheDocumentedFormAndVerifies() throws Exception {
    SignedCheckpoint signed = signer.sign(checkpoint);
    String body = "campusgate/school-1/gw-1\n42\n"
        + Base64.getEncoder().encodeToString(checkpoint.rootHash()) + "\n"
        + "time 2026-03-01T08:15:30.123Z\n";
    assertThat(signed.note()).startsWith(body + "\n\u2014 campusgate/school-1/gw-1 ")
        .endsWith("\n");
    assertThat(signed.timestampToken()).isNull();
    assertThat(signed.checkpoint()).isEqualTo(checkpoint);
    assertThat(verifier.verify(signed.note())).isEqualTo(checkpoint);
    String blob = signed.note().substring(signed.note().lastIndexOf(' ') + 1).trim();
    assertThat(Base64.getDecoder().decode(blob)).hasSize(68)
        .startsWith(keys.verifierKey().keyId());
  }

  @Test
  void tamperedBodyIsABadSignature() throws Exception {
    String note = signer.sign(checkpoint).note();
    String root = Base64.getEncoder().encodeToString(checkpoint.rootHash());
    byte[] otherRoot = checkpoint.rootHash();
    otherRoot[0] ^= 1;
    assertReason(note.replace("\n42\n", "\n43\n"), Reason.BAD_SIGNATURE);
    assertReason(note.replace("school-1/gw-1\n42", "school-2/gw-1\n42"), Reason.BAD_SIGNATURE);
    assertReason(note.replace(root, Base64.getEncoder().encodeToString(otherRoot)),
        Reason.BAD_SIGNATURE);
    assertReason(note.replace("30.123Z", "31.123Z"), Reason.BAD_SIGNATURE);
  }

  @Test
  void tamperedSignatureOrKeyIsRejected() throws Exception {
    String note = signer.sign(checkpoint).note();
    int sigStart = note.lastIndexOf(' ') + 1;
    byte[] blob = Base64.getDecoder().decode(note.substring(sigStart).trim());
    byte[] badSig = blob.clone();
    badSig[40] ^= 1;
    byte[] badId = blob.clone();
    badId[0] ^= 1;
    String prefix = note.substring(0, sigStart);
    assertReason(prefix + Base64.getEncoder().encodeToString(badSig) + "\n", Reason.BAD_SIGNATURE);
    assertReason(prefix + Base64.getEncoder().encodeToString(badId) + "\n", Reason.UNKNOWN_KEY);
    assertReason(note.replace("\u2014 campusgate/school-1/gw-1 ", "\u2014 campusgate/other "),
        Reason.UNKNOWN_KEY);
    // Same name, another key: another key id, so not ours.
    CheckpointVerifier otherKey = new CheckpointVerifier(
        GatewayKeys.generate("campusgate/school-1/gw-1").verifierKey());
    assertThatThrownBy(() -> otherKey.verify(note))
        .isInstanceOfSatisfying(CheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
  }

  @Test
  void signaturesFromOtherKeysAreIgnored() throws Exception {
    String note = signer.sign(checkpoint).note();
    String body = note.substring(0, note.indexOf("\n\n") + 1);
    GatewayKeys witness = GatewayKeys.generate("witness.example");
    String witnessLine = "\u2014 witness.example " + Base64.getEncoder().encodeToString(
        concat(witness.verifierKey().keyId(), witness.sign(body.getBytes(StandardCharsets.UTF_8))))
        + "\n";
    String both = body + "\n" + witnessLine + note.substring(note.indexOf("\n\n") + 2);
    assertThat(verifier.verify(both)).isEqualTo(checkpoint);
  }

  @Test
  void malformedNotesAndBodiesAreRejectedStrictly() throws Exception {
    String note = signer.sign(checkpoint).note();
    assertReason(note.replace("\n", "\r\n"), Reason.MALFORMED);
    assertReason(note.substring(0, note.length() - 1), Reason.MALFORMED);
    assertReason(note.replace("\n\n", "\n"), Reason.MALFORMED);
    assertReason(note.replace("\u2014", "--"), Reason.MALFORMED);
    assertReason(note + "garbage\n", Reason.MALFORMED);
    String root = Base64.getEncoder().encodeToString(checkpoint.rootHash());
    // Correctly signed bodies that are not canonical checkpoints.
    for (String body : List.of(
        "o\n042\n" + root + "\ntime 2026-03-01T08:15:30Z\n",
        "o\n-1\n" + root + "\ntime 2026-03-01T08:15:30Z\n",
        "o\n99999999999999999999\n" + root + "\ntime 2026-03-01T08:15:30Z\n",
        "o\n1\n" + root.replace("=", "") + "\ntime 2026-03-01T08:15:30Z\n",
        "o\n1\n" + Base64.getEncoder().encodeToString(new byte[31])
            + "\ntime 2026-03-01T08:15:30Z\n",
        "o\n1\n" + root + "\ntime 2026-03-01T08:15:30.000Z\n",
        "o\n1\n" + root + "\ntime 2026-03-01T09:15:30+01:00\n",
        "o\n1\n" + root + "\n",
        "o\n1\n" + root + "\ntime 2026-03-01T08:15:30Z\nextra\n",
        "\n1\n" + root + "\ntime 2026-03-01T08:15:30Z\n")) {
      byte[] sig = keys.sign(body.getBytes(StandardCharsets.UTF_8));
      String bad = new SignedNote(body, List.of(new SignedNote.Signature(keys.name(),
          keys.verifierKey().keyId(), sig))).text();
      assertReason(bad, Reason.MALFORMED);
    }
  }

  @Test
  void verifierKeyTextIsValidated() {
    String good = keys.verifierKey().text();
    assertThat(VerifierKey.parse(good)).isEqualTo(keys.verifierKey());
    String[] parts = good.split("\\+", 3);
    assertThatThrownBy(() -> new CheckpointVerifier(parts[0] + "+00000000+" + parts[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    assertThatThrownBy(() -> VerifierKey.parse(parts[0] + "+" + parts[1]))
        .hasMessageContaining("three parts");
    assertThatThrownBy(() -> VerifierKey.parse("bad name+" + parts[1] + "+" + parts[2]))
        .hasMessageContaining("invalid key name");
    assertThatThrownBy(() -> VerifierKey.parse(parts[0] + "+" + parts[1] + "+AAAA"))
        .hasMessageContaining("0x01 (Ed25519) followed by 32 bytes");
  }

  private void assertReason(String note, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(note))
        .isInstanceOfSatisfying(CheckpointException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
