package org.campusgate.audit.journal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IdentityEvent;

/**
 * The canonical bytes of one journal record. The layout is binding: Merkle leaves, evidence
 * bundles and indexes are computed over these bytes, so the same record and seq always give the
 * same bytes, and decoding accepts only bytes that re-encode to themselves.
 *
 * <p>After the {@link RecordHeader header}, the fields follow in the record's declaration order
 * (the timestamp, already in the header, is not repeated): UUIDs as 16 bytes (msb, lsb); strings
 * as an unsigned varint of UTF-8 length + 1 (0 for null), then the UTF-8 bytes; ints and longs as
 * zigzag varints; booleans as one byte 0/1; string lists as a varint count, then the strings;
 * {@link IdentityEvent.Kind} as a one-byte stable code.
 *
 * <p>An instance reuses its buffers and is <b>not thread-safe</b>: use one per thread.
 */
public final class RecordCodec {
  /** The largest record this codec writes or reads. */
  public static final int MAX_RECORD_BYTES = 1 << 20;

  /** The largest UTF-8 length of one string field. */
  public static final int MAX_STRING_BYTES = 64 * 1024;

  /** The most entries a string list may have. */
  public static final int MAX_LIST_SIZE = 65_536;

  private final ByteWriter out = new ByteWriter(1024, MAX_RECORD_BYTES);
  private final ByteReader in = new ByteReader();

  /**
   * Encodes a record with its sequence number.
   *
   * @throws IllegalArgumentException for a negative seq, a string over {@value #MAX_STRING_BYTES}
   *     bytes or with a lone surrogate, or a record over {@value #MAX_RECORD_BYTES} bytes
   */
  public byte[] encode(long seq, AuditRecord record) {
    Objects.requireNonNull(record, "record");
    if (seq < 0) {
      throw new IllegalArgumentException("negative seq " + seq);
    }
    out.reset();
    RecordType type = RecordType.of(record);
    Instant ts = record.timestamp();
    out.writeByte(RecordHeader.VERSION);
    out.writeByte(type.code());
    out.writeLong(seq);
    out.writeLong(ts.getEpochSecond());
    out.writeInt(ts.getNano());
    switch (type) {
      case ACCESS -> writeAccess((AccessEvent) record);
      case IDENTITY -> writeIdentity((IdentityEvent) record);
      default -> throw new AssertionError(type);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a record strictly.
   *
   * @throws RecordFormatException when the bytes are not exactly one canonical record
   */
  public JournalEntry decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > MAX_RECORD_BYTES) {
      throw new RecordFormatException(
          "record of " + bytes.length + " bytes exceeds the limit of " + MAX_RECORD_BYTES);
    }
    long seq = RecordHeader.seq(bytes);
    RecordType type = RecordHeader.type(bytes);
    Instant ts = RecordHeader.timestamp(bytes);
    in.reset(bytes, RecordHeader.SIZE, bytes.length - RecordHeader.SIZE);
    AuditRecord record;
    try {
      record = switch (type) {
        case ACCESS -> readAccess(ts);
        case IDENTITY -> readIdentity(ts);
      };
    } catch (NullPointerException | IllegalArgumentException e) {
      // the record's own constructor refused a value: the bytes are not a valid record
      throw new RecordFormatException("invalid " + type + " record at seq " + seq + ": "
          + e.getMessage(), e);
    }
    if (in.remaining() != 0) {
      throw new RecordFormatException(
          in.remaining() + " trailing bytes after the record at offset " + in.position());
    }
    return new JournalEntry(seq, record);
  }

  private void writeAccess(AccessEvent e) {
    out.writeUuid(e.eventId());
    put(e.schoolId());
    put(e.gatewayId());
    put(e.userId());
    out.writeStringList(e.groups(), MAX_STRING_BYTES);
    put(e.authMethod());
    put(e.clientIp());
    put(e.method());
    put(e.host());
    out.writeZigzagInt(e.port());
    put(e.sni());
    put(e.url());
    out.writeZigzagInt(e.httpStatus());
    out.writeZigzagLong(e.bytesUp());
    out.writeZigzagLong(e.bytesDown());
    out.writeZigzagLong(e.durationMillis());
    put(e.category());
    put(e.appId());
    put(e.action());
    put(e.reason());
    put(e.ruleId());
    out.writeZigzagLong(e.policyVersion());
    put(e.providerFiling());
    put(e.schoolFiling());
    out.writeBoolean(e.tlsInspected());
    put(e.userAgent());
  }

  private AccessEvent readAccess(Instant ts) {
    return new AccessEvent(
        in.readUuid("eventId"),
        ts,
        str("schoolId"),
        str("gatewayId"),
        str("userId"),
        list("groups"),
        str("authMethod"),
        str("clientIp"),
        str("method"),
        str("host"),
        in.readZigzagInt("port"),
        str("sni"),
        str("url"),
        in.readZigzagInt("httpStatus"),
        in.readZigzagLong("bytesUp"),
        in.readZigzagLong("bytesDown"),
        in.readZigzagLong("durationMillis"),
        str("category"),
        str("appId"),
        str("action"),
        str("reason"),
        str("ruleId"),
        in.readZigzagLong("policyVersion"),
        str("providerFiling"),
        str("schoolFiling"),
        in.readBoolean("tlsInspected"),
        str("userAgent"));
  }

  private void writeIdentity(IdentityEvent e) {
    out.writeUuid(e.eventId());
    put(e.schoolId());
    put(e.gatewayId());
    out.writeByte(IdentityKindCodes.code(e.kind()));
    put(e.userId());
    out.writeStringList(e.groups(), MAX_STRING_BYTES);
    put(e.address());
    put(e.authMethod());
    put(e.actor());
  }

  private IdentityEvent readIdentity(Instant ts) {
    return new IdentityEvent(
        in.readUuid("eventId"),
        ts,
        str("schoolId"),
        str("gatewayId"),
        IdentityKindCodes.kind(in.readUnsignedByte("kind")),
        str("userId"),
        list("groups"),
        str("address"),
        str("authMethod"),
        str("actor"));
  }

  private void put(String s) {
    out.writeString(s, MAX_STRING_BYTES);
  }

  private String str(String field) {
    return in.readString(field, MAX_STRING_BYTES);
  }

  private List<String> list(String field) {
    return in.readStringList(field, MAX_STRING_BYTES, MAX_LIST_SIZE);
  }
}
