package org.campusgate.audit.index;

import static org.campusgate.audit.index.EventFields.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * and the UTF-8 form of repeated values (schools, actions, categories, popular hosts and users)
 * is cached, since converting every keyword on every add was a large share of indexing time.
 * Not thread-safe: one per thread.
 */
final class EventDocument {
  /** Cached UTF-8 values per thread; cleared when full, which bounds it. */
  private static final int MAX_CACHED = 1 << 16;

  private final Document doc = new Document();
  private final Map<String, BytesRef> utf8 = new HashMap<>();
  /** Client addresses as recorded → their canonical form's UTF-8 (parsing costs ~1 µs). */
  private final Map<String, BytesRef> addresses = new HashMap<>();
  private final LongPoint tsPoint = new LongPoint(TS, 0L);
  private final NumericDocValuesField tsValue = new NumericDocValuesField(TS, 0L);
  private final NumericDocValuesField seqValue = new NumericDocValuesField(SEQ, 0L);
  private final NumericDocValuesField idBits = new NumericDocValuesField(EID_BITS, 0L);
  private final NumericDocValuesField bytesUp = new NumericDocValuesField(BYTES_UP, 0L);
  private final NumericDocValuesField bytesDown = new NumericDocValuesField(BYTES_DOWN, 0L);
  private final Keyword school = new Keyword(SCHOOL, true, true);
  private final Keyword user = new Keyword(USER, true, true);
  private final Keyword ip = new Keyword(IP, true, false);
  private final Keyword hostValue = new Keyword(HOST, false, true);
  private final Keyword hostRev = new Keyword(HOST_REV, true, false);
  private final Keyword url = new Keyword(URL, true, false);
  private final Keyword category = new Keyword(CATEGORY, true, true);
  private final Keyword app = new Keyword(APP, true, true);
  private final Keyword providerFiling = new Keyword(PROVIDER_FILING, true, false);
  private final Keyword schoolFiling = new Keyword(SCHOOL_FILING, true, false);
  private final Keyword action = new Keyword(ACTION, true, true);
  private final Keyword reason = new Keyword(REASON, true, true);
  private final Keyword rule = new Keyword(RULE, true, true);
  private final List<TermField> groupTerms = new ArrayList<>();
  private final List<SortedSetDocValuesField> groupValues = new ArrayList<>();

  /** Refills the document with {@code e}; valid until the next call. */
  Document fill(long seq, AccessEvent e) {
    doc.clear();
    long ts = e.timestamp().toEpochMilli();
    tsPoint.setLongValue(ts);
    tsValue.setLongValue(ts);
    seqValue.setLongValue(seq);
    idBits.setLongValue(EventIdLookup.idBits(e.eventId()));
    bytesUp.setLongValue(e.bytesUp());
    bytesDown.setLongValue(e.bytesDown());
    doc.add(tsPoint);
    doc.add(tsValue);
    doc.add(seqValue);
    doc.add(idBits);
    doc.add(bytesUp);
    doc.add(bytesDown);
    school.addTo(doc, cached(e.schoolId()));
    user.addTo(doc, cached(e.userId()));
    ip.addTo(doc, address(e.clientIp()));
    if (e.host() != null) {
      hostValue.addTo(doc, cached(e.host()));
      hostRev.addTo(doc, new BytesRef(Domains.reversed(e.host())));
    }
    url.addTo(doc, e.url() == null ? null : new BytesRef(urlTerm(e.url())));
    category.addTo(doc, cached(e.category()));
    app.addTo(doc, cached(e.appId()));
    providerFiling.addTo(doc, cached(e.providerFiling()));
    schoolFiling.addTo(doc, cached(e.schoolFiling()));
    action.addTo(doc, cached(e.action()));
    reason.addTo(doc, cached(e.reason()));
    rule.addTo(doc, cached(e.ruleId()));
    List<String> groups = e.groups();
    for (int i = 0; i < groups.size(); i++) {
      if (i == groupTerms.size()) {
        groupTerms.add(new TermField(GROUPS));
        groupValues.add(new SortedSetDocValuesField(GROUPS, new BytesRef()));
      }
      BytesRef g = cached(groups.get(i));
      groupTerms.get(i).set(g);
      groupValues.get(i).setBytesValue(g);
      doc.add(groupTerms.get(i));
      doc.add(groupValues.get(i));
    }
    return doc;
  }

  private BytesRef address(String value) {
    if (value == null) {
      return null;
    }
    BytesRef b = addresses.get(value);
    if (b == null) {
      if (addresses.size() >= MAX_CACHED) {
        addresses.clear();
      }
      b = new BytesRef(IpAddresses.canonicalOrAsIs(value));
      addresses.put(value, b);
    }
    return b;
  }

  private BytesRef cached(String value) {
    if (value == null) {
      return null;
    }
    BytesRef b = utf8.get(value);
    if (b == null) {
      if (utf8.size() >= MAX_CACHED) {
        utf8.clear();
      }
      b = new BytesRef(value);
      utf8.put(value, b);
    }
    return b;
  }

  /**
   * An indexed keyword term (docs only, no norms, like {@link StringField}) whose bytes can be
   * replaced: Lucene's own fields refuse a new BytesRef once indexed, and a new field per term
   * per event is what this class avoids.
   */
  private static final class TermField extends Field {
    TermField(String name) {
      super(name, new BytesRef(), StringField.TYPE_NOT_STORED);
    }

    void set(BytesRef value) {
      fieldsData = value;
    }
  }

  /** A keyword: an indexed term and/or sorted doc values. */
  private static final class Keyword {
    private final TermField term;
    private final SortedDocValuesField value;

    Keyword(String name, boolean indexed, boolean docValues) {
      term = indexed ? new TermField(name) : null;
      value = docValues ? new SortedDocValuesField(name, new BytesRef()) : null;
    }

    void addTo(Document doc, BytesRef v) {
      if (v == null) {
        return; // missing: no term; aggregates read a missing value as ""
      }
      if (term != null) {
        term.set(v);
        doc.add(term);
      }
      if (value != null) {
        value.setBytesValue(v);
        doc.add(value);
      }
    }
  }
}
