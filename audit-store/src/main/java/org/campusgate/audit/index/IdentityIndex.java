package org.campusgate.audit.index;

import inet.ipaddr.IPAddress;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressRange;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.campusgate.audit.IdentityEvent.Kind;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.IpHolder;

/**
 * The identity index: one small Lucene index of every identity event (logins, logouts, failed
 * logins, IP bindings), answering who held a client address at a moment. Unlike the event
 * index it stores what {@link #whoHad} returns (user, groups, kind, address, id, time).
 *
 * <p>Durability and replay work as in {@link EventIndex}: commit with a watermark, skip adds
 * already committed. Identity events are rare, so add and commit are simply synchronized.
 */
public final class IdentityIndex implements Closeable {
  /** Bindings are admin-made; more events than this on one address is not plausible. */
  static final int MAX_BINDING_EVENTS = 10_000;
  /** The most seqs {@link #seqs} returns at once. */
  public static final int MAX_SEQS = 100_000;

  private static final String TS = "ts";
  private static final String SEQ = "seq";
  private static final String EID = "eid";
  private static final String KIND = "kind";
  private static final String USER = "user";
  private static final String GROUPS = "groups";
  private static final String ADDR = "addr";
  private static final String ADDRESS_TEXT = "address";
  private static final String NET = "net";
  private static final String NET_KEY = "netKey";
  private static final String PREFIX = "prefix";
  private static final Sort OLDEST_FIRST =
      new Sort(new SortField(TS, SortField.Type.LONG), new SortField(SEQ, SortField.Type.LONG));
  private static final Sort NEWEST_FIRST = new Sort(
      new SortField(TS, SortField.Type.LONG, true), new SortField(SEQ, SortField.Type.LONG, true));

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final CommitStamp opening;
  private DirectoryReader replayCheck; // guarded by this
  private long maxAdded;
  private volatile long committedSeq;
  private boolean closed;

  private IdentityIndex(Directory directory, IndexWriter writer) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.opening = CommitStamp.fromUserData(writer.getLiveCommitData());
    this.committedSeq = opening.seq();
    this.maxAdded = opening.maxSeq();
    this.searchers = new SearcherManager(writer, true, false, null);
    if (opening.maxSeq() > opening.seq()) {
      replayCheck = DirectoryReader.open(directory);
    }
  }

  /** Opens (or creates) the identity index in {@code dir}. */
  public static IdentityIndex open(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Files.createDirectories(dir);
    Directory d = FSDirectory.open(dir);
    IndexWriter w = null;
    try {
      w = new IndexWriter(d, new IndexWriterConfig()
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setCommitOnClose(false)
          .setRAMBufferSizeMB(16));
      return new IdentityIndex(d, w);
    } catch (IOException | RuntimeException e) {
      if (w != null) {
        w.close();
      }
      d.close();
      throw e;
    }
  }

  /** The id as a 16-byte term (identity events are few: a term per event is cheap here). */
  private static BytesRef uuidTerm(UUID id) {
    return new BytesRef(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).array());
  }

  /** Indexes an identity event; false when it is already committed (replay). */
  public synchronized boolean add(long seq, IdentityEvent e) throws IOException {
    ensureOpen();
    Objects.requireNonNull(e, "event");
    if (seq < 0) {
      throw new IllegalArgumentException("negative seq " + seq);
    }
    BytesRef eid = uuidTerm(e.eventId());
    if (seq <= opening.seq() || (seq <= opening.maxSeq() && replayCheck != null
        && new IndexSearcher(replayCheck).count(new TermQuery(new Term(EID, eid))) > 0)) {
      return false;
    }
    writer.addDocument(document(seq, e, eid));
    maxAdded = Math.max(maxAdded, seq);
    return true;
  }

  private static Document document(long seq, IdentityEvent e, BytesRef eid) {
    Document doc = new Document();
    long ts = e.timestamp().toEpochMilli();
    doc.add(new LongPoint(TS, ts));
    doc.add(new NumericDocValuesField(TS, ts));
    doc.add(new StoredField(TS, ts));
    doc.add(new NumericDocValuesField(SEQ, seq));
    doc.add(new StoredField(SEQ, seq));
    doc.add(new StringField(EID, eid, Field.Store.YES));
    doc.add(new StringField(KIND, e.kind().name(), Field.Store.YES));
    doc.add(new StringField(USER, e.userId(), Field.Store.YES));
    for (String g : e.groups()) {
      doc.add(new StoredField(GROUPS, g));
    }
    doc.add(new StoredField(ADDRESS_TEXT, e.address()));
    // an unparseable address is kept (the journal has it) but never matches whoHad
    try {
      if (e.kind() == Kind.BINDING_ADDED || e.kind() == Kind.BINDING_REMOVED) {
        IPAddress net = IpAddresses.network(e.address());
        doc.add(new InetAddressRange(NET, inet(net.getLower()), inet(net.getUpper())));
        doc.add(new StoredField(NET_KEY, IpAddresses.canonical(net)));
        doc.add(new StoredField(PREFIX, net.getNetworkPrefixLength()));
      } else {
        doc.add(new StringField(ADDR, IpAddresses.canonical(IpAddresses.host(e.address())),
            Field.Store.NO));
      }
    } catch (IllegalArgumentException unparseable) {
      // recorded as is
    }
    return doc;
  }

  /** Makes added events visible to queries. */
  public void refresh() throws IOException {
    ensureOpen();
    searchers.maybeRefreshBlocking();
  }

  /** Makes added events durable with {@code uptoSeq} as the watermark (see EventIndex). */
  public synchronized void commit(long uptoSeq) throws IOException {
    ensureOpen();
    if (uptoSeq < committedSeq) {
      throw new IllegalArgumentException(
          "the watermark cannot go back from " + committedSeq + " to " + uptoSeq);
    }
    CommitStamp stamp = new CommitStamp(uptoSeq, Math.max(uptoSeq, maxAdded), 0);
    writer.setLiveCommitData(stamp.toUserData().entrySet(), true);
    writer.commit();
    committedSeq = uptoSeq;
  }

  /** The seq up to which every identity event is durably indexed; -1 when none. */
  public long committedSeq() {
    return committedSeq;
  }

  /**
   * Who held {@code ip} at {@code at}. The latest LOGIN/LOGOUT on that exact address at or
   * before {@code at} decides first: a LOGIN grants (a failed login never does). Otherwise (a
   * LOGOUT, or no login history) the IP bindings active at {@code at} whose network contains
   * the address decide: the longest prefix wins, the latest on ties.
   *
   * @throws IllegalArgumentException when {@code ip} is not a single IPv4/IPv6 address
   */
  public Optional<IpHolder> whoHad(String ip, Instant at) throws IOException {
    ensureOpen();
    Objects.requireNonNull(at, "at");
    IPAddress address = IpAddresses.host(ip);
    Query notAfter = LongPoint.newRangeQuery(TS, Long.MIN_VALUE, at.toEpochMilli());
    IndexSearcher s = searchers.acquire();
    try {
      Query exact = filters(notAfter, new TermQuery(new Term(ADDR, IpAddresses.canonical(address))),
          kinds(Kind.LOGIN, Kind.LOGOUT));
      TopFieldDocs last = s.search(exact, 1, NEWEST_FIRST, false);
      if (last.scoreDocs.length == 1) {
        Stored ev = Stored.of(s.storedFields().document(last.scoreDocs[0].doc));
        if (ev.kind == Kind.LOGIN) {
          return Optional.of(ev.holder());
        }
      }
      InetAddress ia = inet(address);
      Query bindings = filters(notAfter, InetAddressRange.newContainsQuery(NET, ia, ia),
          kinds(Kind.BINDING_ADDED, Kind.BINDING_REMOVED));
      TopFieldDocs all = s.search(bindings, MAX_BINDING_EVENTS, OLDEST_FIRST, false);
      Map<String, Stored> active = new LinkedHashMap<>();
      StoredFields stored = s.storedFields();
      for (ScoreDoc sd : all.scoreDocs) {
        Stored ev = Stored.of(stored.document(sd.doc));
        String key = ev.netKey + "\u0000" + ev.user;
        if (ev.kind == Kind.BINDING_ADDED) {
          active.remove(key); // re-added: now the latest
          active.put(key, ev);
        } else {
          active.remove(key);
        }
      }
      Stored best = null;
      for (Stored ev : active.values()) { // in time order: a later one wins a tie
        if (best == null || ev.prefix >= best.prefix) {
          best = ev;
        }
      }
      return Optional.ofNullable(best).map(Stored::holder);
    } finally {
      searchers.release(s);
    }
  }

  /** The journal seq of the identity event with this id, when indexed. */
  public OptionalLong seqOf(UUID eventId) throws IOException {
    ensureOpen();
    IndexSearcher s = searchers.acquire();
    try {
      TopDocs top = s.search(new TermQuery(new Term(EID, uuidTerm(eventId))), 1);
      if (top.scoreDocs.length == 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(s.storedFields().document(top.scoreDocs[0].doc)
          .getField(SEQ).numericValue().longValue());
    } finally {
      searchers.release(s);
    }
  }

  /**
   * The seqs of the identity events in [from, to), optionally of one user, oldest first; the
   * store fetches the events from the journal.
   *
   * @param limit at most this many, 1..{@value #MAX_SEQS}
   */
  public List<Long> seqs(Instant from, Instant to, String userId, int limit) throws IOException {
    ensureOpen();
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("the time range is empty: from " + from + " to " + to);
    }
    if (limit < 1 || limit > MAX_SEQS) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_SEQS + ", was " + limit);
    }
    Query range = LongPoint.newRangeQuery(TS, from.toEpochMilli(), to.toEpochMilli() - 1);
    Query q = userId == null ? range : filters(range, new TermQuery(new Term(USER, userId)));
    IndexSearcher s = searchers.acquire();
    try {
      TopFieldDocs top = s.search(q, limit, OLDEST_FIRST, false);
      List<Long> out = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) {
        out.add((Long) ((FieldDoc) sd).fields[1]);
      }
      return out;
    } finally {
      searchers.release(s);
    }
  }

  /**
   * Deletes the identity events before {@code cutoff} (retention), except those still in
   * force at the cutoff: the last binding event of a (network, user) when it added the binding,
   * and the last login/logout of an address when it was a login. Durable at the next commit.
   */
  public synchronized void deleteBefore(Instant cutoff) throws IOException {
    ensureOpen();
    Query before = LongPoint.newRangeQuery(TS, Long.MIN_VALUE, cutoff.toEpochMilli() - 1);
    searchers.maybeRefreshBlocking();
    IndexSearcher s = searchers.acquire();
    Map<String, Stored> lastByKey = new HashMap<>();
    try {
      Weight w = s.createWeight(s.rewrite(before), ScoreMode.COMPLETE_NO_SCORES, 1f);
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        Scorer scorer = w.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        StoredFields stored = leaf.reader().storedFields();
        DocIdSetIterator it = scorer.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          if (leaf.reader().getLiveDocs() != null && !leaf.reader().getLiveDocs().get(doc)) {
            continue;
          }
          Stored ev = Stored.of(stored.document(doc));
          String key = ev.stateKey();
          Stored prev = lastByKey.get(key);
          if (key != null && (prev == null || ev.after(prev))) {
            lastByKey.put(key, ev);
          }
        }
      }
    } finally {
      searchers.release(s);
    }
    Set<BytesRef> keep = new HashSet<>();
    for (Stored ev : lastByKey.values()) {
      if (ev.kind.grants()) {
        keep.add(uuidTerm(ev.eventId));
      }
    }
    BooleanQuery.Builder del = new BooleanQuery.Builder()
        .add(before, BooleanClause.Occur.FILTER);
    if (!keep.isEmpty()) {
      del.add(new TermInSetQuery(EID, keep), BooleanClause.Occur.MUST_NOT);
    }
    writer.deleteDocuments(del.build());
  }

  /** Closes the index; identity events added since the last commit are rolled back. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (replayCheck != null) {
        replayCheck.close();
      }
      searchers.close();
    } finally {
      try {
        writer.close();
      } finally {
        directory.close();
      }
    }
  }

  private static Query filters(Query... qs) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Query q : qs) {
      b.add(q, BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  private static Query kinds(Kind a, Kind b) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(KIND, a.name())), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term(KIND, b.name())), BooleanClause.Occur.SHOULD)
        .build();
  }

  private static InetAddress inet(IPAddress a) {
    return a.withoutPrefixLength().toInetAddress();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the identity index is closed");
    }
  }

  /** The stored part of an identity event. */
  private record Stored(long ts, long seq, UUID eventId, Kind kind, String user,
      List<String> groups, String address, String netKey, int prefix) {

    static Stored of(Document d) {
      ByteBuffer id = ByteBuffer.wrap(d.getBinaryValue(EID).bytes,
          d.getBinaryValue(EID).offset, 16);
      List<String> groups = new ArrayList<>();
      for (String g : d.getValues(GROUPS)) {
        groups.add(g);
      }
      Number prefix = d.getField(PREFIX) == null ? null : d.getField(PREFIX).numericValue();
      return new Stored(d.getField(TS).numericValue().longValue(),
          d.getField(SEQ).numericValue().longValue(), new UUID(id.getLong(), id.getLong()),
          Kind.valueOf(d.get(KIND)), d.get(USER), groups, d.get(ADDRESS_TEXT), d.get(NET_KEY),
          prefix == null ? -1 : prefix.intValue());
    }

    IpHolder holder() {
      return new IpHolder(user, groups, Instant.ofEpochMilli(ts), kind, address, eventId);
    }

    boolean after(Stored o) {
      return ts != o.ts ? ts > o.ts : seq > o.seq;
    }

    /** What this event sets the state of; null for failed logins and unparseable addresses. */
    String stateKey() {
      return switch (kind) {
        case LOGIN, LOGOUT -> "addr\u0000" + address;
        case BINDING_ADDED, BINDING_REMOVED -> netKey == null ? null
            : "net\u0000" + netKey + "\u0000" + user;
        case LOGIN_FAILED -> null;
      };
    }
  }
}
