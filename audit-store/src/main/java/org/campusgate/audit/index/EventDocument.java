package org.campusgate.audit.index;

import static org.campusgate.audit.index.EventFields.*;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.campusgate.audit.AccessEvent;

/**
 * One thread's reusable event document: the same Field instances are refilled for every event,
 * which saves the allocation of ~30 fields per add. Not thread-safe: one per thread.
 */
final class EventDocument {
  private final Document doc = new Document();
  private final LongPoint tsPoint = new LongPoint(TS, 0L);
  private final NumericDocValuesField tsValue = new NumericDocValuesField(TS, 0L);
  private final NumericDocValuesField seqValue = new NumericDocValuesField(SEQ, 0L);
  private final byte[] eidBytes = new byte[16];
  private final StringField eid = new StringField(EID, new BytesRef(eidBytes), Field.Store.NO);
  private final NumericDocValuesField bytesUp = new NumericDocValuesField(BYTES_UP, 0L);
  private final NumericDocValuesField bytesDown = new NumericDocValuesField(BYTES_DOWN, 0L);
  private final Keyword school = new Keyword(SCHOOL, true);
  private final Keyword user = new Keyword(USER, true);
  private final Keyword ip = new Keyword(IP, false);
  private final Keyword host = new Keyword(HOST, true);
  private final Keyword url = new Keyword(URL, false);
  private final Keyword category = new Keyword(CATEGORY, true);
  private final Keyword app = new Keyword(APP, true);
  private final Keyword action = new Keyword(ACTION, true);
  private final Keyword reason = new Keyword(REASON, true);
  private final Keyword rule = new Keyword(RULE, true);
  private final List<StringField> groupTerms = new ArrayList<>();
  private final List<SortedSetDocValuesField> groupValues = new ArrayList<>();
  private final List<StringField> domainTerms = new ArrayList<>();

  /** Refills the document with {@code e}; valid until the next call. */
  Document fill(long seq, AccessEvent e) {
    doc.clear();
    long ts = e.timestamp().toEpochMilli();
    tsPoint.setLongValue(ts);
    tsValue.setLongValue(ts);
    seqValue.setLongValue(seq);
    writeUuid(e.eventId(), eidBytes);
    bytesUp.setLongValue(e.bytesUp());
    bytesDown.setLongValue(e.bytesDown());
    doc.add(tsPoint);
    doc.add(tsValue);
    doc.add(seqValue);
    doc.add(eid);
    doc.add(bytesUp);
    doc.add(bytesDown);
    school.addTo(doc, e.schoolId());
    user.addTo(doc, e.userId());
    ip.addTo(doc, e.clientIp());
    host.addTo(doc, e.host());
    url.addTo(doc, e.url() == null ? null : urlTerm(e.url()));
    category.addTo(doc, e.category());
    app.addTo(doc, e.appId());
    action.addTo(doc, e.action());
    reason.addTo(doc, e.reason());
    rule.addTo(doc, e.ruleId());
    List<String> groups = e.groups();
    for (int i = 0; i < groups.size(); i++) {
      if (i == groupTerms.size()) {
        groupTerms.add(new StringField(GROUPS, "", Field.Store.NO));
        groupValues.add(new SortedSetDocValuesField(GROUPS, new BytesRef()));
      }
      groupTerms.get(i).setStringValue(groups.get(i));
      groupValues.get(i).setBytesValue(new BytesRef(groups.get(i)));
      doc.add(groupTerms.get(i));
      doc.add(groupValues.get(i));
    }
    if (e.host() != null) {
      List<String> domains = Domains.selfAndParents(e.host());
      for (int i = 0; i < domains.size(); i++) {
        if (i == domainTerms.size()) {
          domainTerms.add(new StringField(DOMAIN, "", Field.Store.NO));
        }
        domainTerms.get(i).setStringValue(domains.get(i));
        doc.add(domainTerms.get(i));
      }
    }
    return doc;
  }

  static void writeUuid(UUID id, byte[] out) {
    long msb = id.getMostSignificantBits();
    long lsb = id.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (msb >>> (56 - 8 * i));
      out[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
  }

  static BytesRef uuidTerm(UUID id) {
    byte[] b = new byte[16];
    writeUuid(id, b);
    return new BytesRef(b);
  }

  /** A keyword: an indexed term (docs only, no norms) and, when grouped on, sorted doc values. */
  private static final class Keyword {
    private final StringField term;
    private final SortedDocValuesField value;

    Keyword(String name, boolean docValues) {
      term = new StringField(name, "", Field.Store.NO);
      value = docValues ? new SortedDocValuesField(name, new BytesRef()) : null;
    }

    void addTo(Document doc, String v) {
      if (v == null) {
        return; // missing: no term; aggregates read a missing value as ""
      }
      term.setStringValue(v);
      doc.add(term);
      if (value != null) {
        value.setBytesValue(new BytesRef(v));
        doc.add(value);
      }
    }
  }
}
