package org.campusgate.audit.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.SignedCheckpoint;
import org.campusgate.audit.integrity.CheckpointText;
import org.campusgate.audit.integrity.SignedNote;
import org.campusgate.audit.journal.JournalEntry;
import org.campusgate.audit.journal.RecordCodec;

/**
 * An {@link EvidenceBundle} as a JSON file. What proves anything is the journal bytes of each
 * record ({@code record}, base64), its audit path and the signed note; the readable {@code event}
 * beside it is for people and is ignored when reading: the event is decoded from the bytes, so a
 * file cannot show one thing and prove another.
 *
 * <pre>{@code
 * {"format": "campusgate-evidence/1", "keyName": "...",
 *  "checkpoint": {"note": "<signed note>", "timestampToken": "<base64 DER>" | null},
 *  "items": [{"seq": 17, "record": "<base64>", "auditPath": ["<base64>", ...],
 *             "event": {... readable ...}}]}
 * }</pre>
 */
public final class EvidenceFile {
  public static final String FORMAT = "campusgate-evidence/1";
  /** Bundles are for a case, not bulk export: bounded so reading one cannot exhaust memory. */
  public static final long MAX_BYTES = 64L << 20;
  public static final int MAX_ITEMS = 10_000;

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The bundle as JSON text. */
  public String write(EvidenceBundle bundle) {
    ObjectNode root = json.createObjectNode();
    root.put("format", FORMAT);
    root.put("keyName", bundle.keyName());
    ObjectNode cp = root.putObject("checkpoint");
    cp.put("note", bundle.checkpoint().note());
    byte[] token = bundle.checkpoint().timestampToken();
    cp.put("timestampToken", token == null ? null : b64(token));
    ArrayNode items = root.putArray("items");
    for (EvidenceBundle.Item item : bundle.items()) {
      ObjectNode n = items.addObject();
      n.put("seq", item.seq());
      n.put("record", b64(item.recordBytes()));
      ArrayNode path = n.putArray("auditPath");
      item.auditPath().forEach(h -> path.add(b64(h)));
      n.set("event", readable(item.event()));
    }
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public void write(EvidenceBundle bundle, Path file) throws IOException {
    Files.writeString(file, write(bundle));
  }

  /**
   * Reads a bundle file; the events are decoded from the record bytes.
   *
   * @throws EvidenceFormatException when the file is not a well-formed bundle
   */
  public EvidenceBundle read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new EvidenceFormatException(file + " is larger than " + MAX_BYTES + " bytes");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public EvidenceBundle read(InputStream in) throws IOException {
    JsonNode root;
    try {
      root = json.readTree(in);
    } catch (JsonProcessingException e) {
      throw new EvidenceFormatException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !FORMAT.equals(text(root, "format"))) {
      throw new EvidenceFormatException("not a " + FORMAT + " file");
    }
    JsonNode cp = field(root, "checkpoint");
    String note = text(cp, "note");
    SignedCheckpoint checkpoint;
    try {
      checkpoint = new SignedCheckpoint(CheckpointText.parse(SignedNote.parse(note).body()), note,
          cp.hasNonNull("timestampToken") ? bytes(cp, "timestampToken") : null);
    } catch (Exception e) {
      throw new EvidenceFormatException("checkpoint: " + e.getMessage());
    }
    JsonNode items = field(root, "items");
    if (!items.isArray() || items.size() > MAX_ITEMS) {
      throw new EvidenceFormatException("items must be an array of at most " + MAX_ITEMS);
    }
    RecordCodec codec = new RecordCodec();
    List<EvidenceBundle.Item> out = new ArrayList<>();
    for (JsonNode n : items) {
      long seq = field(n, "seq").asLong(-1);
      byte[] record = bytes(n, "record");
      JournalEntry entry;
      try {
        entry = codec.decode(record);
      } catch (RuntimeException e) {
        throw new EvidenceFormatException("item " + seq + ": record bytes: " + e.getMessage());
      }
      if (entry.seq() != seq) {
        throw new EvidenceFormatException("item " + seq + " holds the record of seq "
            + entry.seq());
      }
      JsonNode path = field(n, "auditPath");
      if (!path.isArray() || path.size() > 64) {
        throw new EvidenceFormatException("item " + seq + ": auditPath must be an array");
      }
      List<byte[]> hashes = new ArrayList<>();
      for (JsonNode h : path) {
        hashes.add(decode(h.asText(), "auditPath of item " + seq));
      }
      out.add(new EvidenceBundle.Item(seq, record, entry.record(), hashes));
    }
    return new EvidenceBundle(checkpoint, text(root, "keyName"), out);
  }

  private ObjectNode readable(AuditRecord record) {
    ObjectNode n = json.createObjectNode();
    n.put("type", record.getClass().getSimpleName());
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (v == null) {
        n.putNull(c.getName());
      } else if (v instanceof Number || v instanceof Boolean) {
        n.set(c.getName(), json.valueToTree(v));
      } else if (v instanceof Collection<?> list) {
        ArrayNode a = n.putArray(c.getName());
        list.forEach(x -> a.add(String.valueOf(x)));
      } else {
        n.put(c.getName(), v.toString());
      }
    }
    return n;
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode v = node == null ? null : node.get(name);
    if (v == null || v.isNull()) {
      throw new EvidenceFormatException("missing field '" + name + "'");
    }
    return v;
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (!v.isTextual()) {
      throw new EvidenceFormatException("field '" + name + "' must be text");
    }
    return v.asText();
  }

  private static byte[] bytes(JsonNode node, String name) {
    return decode(text(node, name), name);
  }

  private static byte[] decode(String b64, String what) {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new EvidenceFormatException(what + " is not base64");
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
