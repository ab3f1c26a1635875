package org.campusgate.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IdentityEvent;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private final RecordCodec codec = new RecordCodec();

  private static List<AuditRecord> samples() {
    return List.of(SampleRecords.fullAccess(), SampleRecords.sparseAccess(),
        SampleRecords.fullIdentity(), SampleRecords.sparseIdentity());
  }

  @Test
  void roundTripsFullAndSparseRecordsOfBothTypes() {
    long seq = 0;
    for (AuditRecord r : samples()) {
      byte[] bytes = codec.encode(seq, r);
      assertThat(codec.decode(bytes)).isEqualTo(new JournalEntry(seq, r));
      seq += 1_000_000_007L;
    }
    byte[] max = codec.encode(Long.MAX_VALUE, SampleRecords.fullIdentity());
    assertThat(codec.decode(max).seq()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void headerReadersReadTheFixedHeaderOnly() {
    byte[] bytes = codec.encode(42, SampleRecords.fullIdentity());
    assertThat(RecordHeader.seq(bytes)).isEqualTo(42);
    assertThat(RecordHeader.timestamp(bytes)).isEqualTo(SampleRecords.T0.plusSeconds(1));
    assertThat(RecordHeader.type(bytes)).isEqualTo(RecordType.IDENTITY);
    byte[] headerOnly = Arrays.copyOf(bytes, RecordHeader.SIZE);
    assertThat(RecordHeader.seq(headerOnly)).isEqualTo(42);
    assertThat(RecordHeader.type(codec.encode(1, SampleRecords.sparseAccess())))
        .isEqualTo(RecordType.ACCESS);
  }

  @Test
  void headerLayoutIsTheBindingOne() {
    byte[] bytes = codec.encode(0x0102030405060708L, SampleRecords.sparseAccess());
    assertThat(HexFormat.of().formatHex(bytes, 0, RecordHeader.SIZE))
        .isEqualTo("01" + "01" + "0102030405060708" + "fffffffffffffffb" + "00000000");
    // eventId, then schoolId "" (varint 1) and gatewayId "g" (varint 2, 'g')
    assertThat(HexFormat.of().formatHex(bytes, 22, 22 + 16 + 3))
        .isEqualTo("00000000000000000000000000000000" + "01" + "0267");
  }

  @Test
  void encodingIsDeterministicAcrossCodecInstancesAndReuse() {
    RecordCodec other = new RecordCodec();
    for (AuditRecord r : samples()) {
      byte[] first = codec.encode(9, r);
      codec.encode(10, SampleRecords.fullAccess());
      assertThat(codec.encode(9, r)).isEqualTo(first);
      assertThat(other.encode(9, r)).isEqualTo(first);
      assertThat(codec.encode(9, codec.decode(first).record())).isEqualTo(first);
    }
  }

  @Test
  void encodeRejectsWhatDecodeWouldRefuse() {
    assertThatThrownBy(() -> codec.encode(-1, SampleRecords.sparseAccess()))
        .isInstanceOf(IllegalArgumentException.class);
    AccessEvent loneSurrogate = SampleRecords.sparseAccess().toBuilder().userId("a\uD800b").build();
    assertThatThrownBy(() -> codec.encode(0, loneSurrogate))
        .hasMessageContaining("lone surrogate");
    AccessEvent huge = SampleRecords.sparseAccess().toBuilder()
        .url("x".repeat(RecordCodec.MAX_STRING_BYTES + 1)).build();
    assertThatThrownBy(() -> codec.encode(0, huge)).hasMessageContaining("exceeds the limit");
    AccessEvent tooBig = SampleRecords.sparseAccess().toBuilder()
        .groups(java.util.Collections.nCopies(20, "y".repeat(60_000))).build();
    assertThatThrownBy(() -> codec.encode(0, tooBig)).hasMessageContaining("record longer");
    // the codec stays usable after a refused record
    assertThat(codec.decode(codec.encode(3, SampleRecords.sparseAccess())).seq()).isEqualTo(3);
  }

  @Test
  void rejectsUnknownVersionAndType() {
    byte[] bytes = codec.encode(1, SampleRecords.fullAccess());
    byte[] badVersion = bytes.clone();
    badVersion[0] = 2;
    assertThatThrownBy(() -> codec.decode(badVersion))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("version 2");
    byte[] badType = bytes.clone();
    badType[1] = 3;
    assertThatThrownBy(() -> codec.decode(badType))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("type 3");
    assertThatThrownBy(() -> RecordHeader.type(badType)).isInstanceOf(RecordFormatException.class);
  }

  @Test
  void rejectsEveryTruncationAndTrailingBytes() {
    byte[] bytes = codec.encode(1, SampleRecords.fullAccess());
    for (int len = 0; len < bytes.length; len++) {
      byte[] cut = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(RecordFormatException.class);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> codec.decode(longer))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("trailing");
  }

  @Test
  void rejectsOverlongAndOverflowingVarints() {
    // sparse identity: header, uuid, "school-1" (09 + 8), "gw-1" (05 + 4), kind, userId...
    AccessEvent e = SampleRecords.sparseAccess();
    byte[] bytes = codec.encode(0, e);
    int portAt = 22 + 16 + 1 + 2 + 1 + 1 + 1 + 1 + 1 + 1; // after header, uuid, 6 strings, list
    assertThat(bytes[portAt]).isEqualTo((byte) 0); // port 0 as zigzag varint
    // overlong zero: 80 00 instead of 00
    assertThatThrownBy(() -> codec.decode(insert(bytes, portAt, (byte) 0x80)))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("overlong");
    // an int varint needing more than 32 bits
    byte[] big = replace(bytes, portAt, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0x1F});
    assertThatThrownBy(() -> codec.decode(big))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("overflows");
    // more than 10 bytes for a long
    int bytesUpAt = portAt + 4; // port, sni, url, httpStatus
    byte[] tooLong = replace(bytes, bytesUpAt, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        0x01});
    assertThatThrownBy(() -> codec.decode(tooLong)).isInstanceOf(RecordFormatException.class);
    // a negative byte count (zigzag 1 = -1) is refused by the record itself
    byte[] negative = replace(bytes, bytesUpAt, new byte[] {0x01});
    assertThatThrownBy(() -> codec.decode(negative))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("negative");
  }

  @Test
  void rejectsSeqWithTheTopBitSet() {
    byte[] bytes = codec.encode(1, SampleRecords.sparseIdentity());
    bytes[2] = (byte) 0x80;
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("seq");
  }

  @Test
  void rejectsMalformedUtf8AndOverlongStrings() {
    AccessEvent e = SampleRecords.sparseAccess().toBuilder().userId("ab").build();
    byte[] bytes = codec.encode(0, e);
    int userAt = 22 + 16 + 1 + 2; // length byte of userId
    assertThat(bytes[userAt]).isEqualTo((byte) 3);
    byte[] badUtf8 = bytes.clone();
    badUtf8[userAt + 1] = (byte) 0xC0; // overlong form of '/'..: C0 62 is malformed
    assertThatThrownBy(() -> codec.decode(badUtf8))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("UTF-8");
    // a UTF-16 surrogate encoded as 3 bytes (CESU style) has no place in UTF-8
    byte[] encodedSurrogate = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, encodedSurrogate, 0, userAt);
    encodedSurrogate[userAt] = 4;
    encodedSurrogate[userAt + 1] = (byte) 0xED;
    encodedSurrogate[userAt + 2] = (byte) 0xA0;
    encodedSurrogate[userAt + 3] = (byte) 0x80;
    System.arraycopy(bytes, userAt + 3, encodedSurrogate, userAt + 4, bytes.length - userAt - 3);
    assertThatThrownBy(() -> codec.decode(encodedSurrogate))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("UTF-8");
    // a declared length beyond the bound: 64 KiB + 2 as varint
    byte[] tooLong = replace(bytes, userAt, varint(RecordCodec.MAX_STRING_BYTES + 2L));
    assertThatThrownBy(() -> codec.decode(tooLong))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("limit");
  }

  @Test
  void rejectsNullWhereTheRecordRequiresAValueAndBadCodes() {
    byte[] bytes = codec.encode(0, SampleRecords.sparseIdentity());
    int schoolAt = 22 + 16;
    // "school-1" is 9 bytes (length + 8); replacing only its length byte leaves junk behind
    byte[] withoutSchool = new byte[bytes.length - 8];
    System.arraycopy(bytes, 0, withoutSchool, 0, schoolAt);
    withoutSchool[schoolAt] = 0;
    System.arraycopy(bytes, schoolAt + 9, withoutSchool, schoolAt + 1,
        bytes.length - schoolAt - 9);
    assertThatThrownBy(() -> codec.decode(withoutSchool))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("schoolId");
    int kindAt = schoolAt + 9 + 5;
    byte[] badKind = bytes.clone();
    badKind[kindAt] = 9;
    assertThatThrownBy(() -> codec.decode(badKind))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("kind code 9");
    byte[] access = codec.encode(0, SampleRecords.fullAccess());
    byte[] badBool = access.clone();
    int boolAt = access.length - 1 - 12; // tlsInspected, then "Mozilla/5.0" (1 + 11)
    assertThat(badBool[boolAt]).isEqualTo((byte) 1);
    badBool[boolAt] = 2;
    assertThatThrownBy(() -> codec.decode(badBool))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("boolean");
  }

  @Test
  void rejectsNullInsideAList() {
    IdentityEvent e = new IdentityEvent(new UUID(1, 2), SampleRecords.T0, "s", "g",
        IdentityEvent.Kind.LOGIN, "u", List.of("a"), "10.0.0.1", null, null);
    byte[] bytes = codec.encode(0, e);
    int listAt = 22 + 16 + 2 + 2 + 1 + 2; // count byte of groups
    assertThat(bytes[listAt]).isEqualTo((byte) 1);
    byte[] nullEntry = replace(bytes, listAt + 1, new byte[] {0});
    byte[] fixed = new byte[bytes.length - 1];
    System.arraycopy(nullEntry, 0, fixed, 0, listAt + 2);
    System.arraycopy(bytes, listAt + 3, fixed, listAt + 2, bytes.length - listAt - 3);
    assertThatThrownBy(() -> codec.decode(fixed))
        .isInstanceOf(RecordFormatException.class).hasMessageContaining("groups[0]");
  }

  @Test
  void everySingleFlippedByteFailsOrDecodesToADifferentRecord() {
    for (AuditRecord r : samples()) {
      byte[] bytes = codec.encode(77, r);
      JournalEntry original = codec.decode(bytes);
      for (int i = 0; i < bytes.length; i++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] flipped = bytes.clone();
          flipped[i] ^= (byte) (1 << bit);
          JournalEntry decoded;
          try {
            decoded = codec.decode(flipped);
          } catch (RecordFormatException expected) {
            continue;
          }
          assertThat(decoded).as("flip of bit %d of byte %d", bit, i).isNotEqualTo(original);
          assertThat(codec.encode(decoded.seq(), decoded.record())).isEqualTo(flipped);
        }
      }
    }
  }

  private static byte[] replace(byte[] src, int at, byte[] with) {
    byte[] out = new byte[src.length - 1 + with.length];
    System.arraycopy(src, 0, out, 0, at);
    System.arraycopy(with, 0, out, at, with.length);
    System.arraycopy(src, at + 1, out, at + with.length, src.length - at - 1);
    return out;
  }

  private static byte[] insert(byte[] src, int at, byte b) {
    byte[] out = new byte[src.length + 1];
    System.arraycopy(src, 0, out, 0, at);
    out[at] = b;
    System.arraycopy(src, at, out, at + 1, src.length - at);
    return out;
  }

  private static byte[] varint(long v) {
    ByteWriter w = new ByteWriter(16, 16);
    w.writeVarint(v);
    return w.toByteArray();
  }
}
