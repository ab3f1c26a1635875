package org.campusgate.audit.index;

import static org.campusgate.audit.index.EventFields.*;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.campusgate.audit.AuditQuery;

/**
 * Turns an {@link AuditQuery} into a Lucene query of FILTER clauses (no scoring).
 *
 * <p>Cost: term filters are postings lookups. {@code urlContains} is a {@code *x*} wildcard: it
 * walks every distinct URL term of each segment of the days searched (linear in distinct URLs,
 * roughly 10–50 ms per million distinct URLs), so it is cheap only when the time range is short
 * or other filters are present; the input is bounded to {@value #MAX_URL_FILTER} chars.
 */
final class EventQueries {
  static final int MAX_URL_FILTER = 256;

  private EventQueries() {}

  static Query of(AuditQuery q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(LongPoint.newRangeQuery(TS, q.from().toEpochMilli(), q.to().toEpochMilli() - 1),
        BooleanClause.Occur.FILTER);
    term(b, SCHOOL, q.schoolId());
    term(b, USER, q.userId());
    term(b, IP, q.clientIp() == null ? null : IpAddresses.canonicalOrAsIs(q.clientIp()));
    term(b, HOST_REV, q.host() == null ? null : Domains.reversed(q.host()));
    if (q.domain() != null) {
      b.add(domain(q.domain()), BooleanClause.Occur.FILTER);
    }
    term(b, ACTION, q.action());
    term(b, REASON, q.reason());
    term(b, CATEGORY, q.category());
    term(b, APP, q.appId());
    term(b, PROVIDER_FILING, q.providerFiling());
    term(b, SCHOOL_FILING, q.schoolFiling());
    term(b, GROUPS, q.group());
    if (q.urlContains() != null) {
      if (q.urlContains().length() > MAX_URL_FILTER) {
        throw new IllegalArgumentException(
            "urlContains is longer than " + MAX_URL_FILTER + " characters");
      }
      String pattern = "*" + escapeWildcard(lower(q.urlContains())) + "*";
      b.add(new WildcardQuery(new Term(URL, pattern)), BooleanClause.Occur.FILTER);
    }
    return new ConstantScoreQuery(b.build());
  }

  /** The domain itself or any subdomain: its reversed form exactly, or as a label prefix. */
  static Query domain(String domain) {
    String rev = Domains.reversed(domain);
    Query self = new TermQuery(new Term(HOST_REV, rev));
    if (!Domains.hasSubdomains(domain)) {
      return self;
    }
    return new BooleanQuery.Builder()
        .add(self, BooleanClause.Occur.SHOULD)
        .add(new PrefixQuery(new Term(HOST_REV, rev + ".")), BooleanClause.Occur.SHOULD)
        .build();
  }

  /** Makes {@code *}, {@code ?} and {@code \} literal in a wildcard pattern. */
  static String escapeWildcard(String s) {
    StringBuilder out = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == WildcardQuery.WILDCARD_STRING || c == WildcardQuery.WILDCARD_CHAR
          || c == WildcardQuery.WILDCARD_ESCAPE) {
        out.append(WildcardQuery.WILDCARD_ESCAPE);
      }
      out.append(c);
    }
    return out.toString();
  }

  private static void term(BooleanQuery.Builder b, String field, String value) {
    if (value != null) {
      b.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
    }
  }
}
