package org.campusgate.audit.index;

import java.util.Locale;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/** The field names of an event document and the sorts over them. */
final class EventFields {
  static final String TS = "ts";
  static final String SEQ = "seq";
  /** 32 bits of the event id, as doc values: see {@link EventIdLookup}. */
  static final String EID_BITS = "eidBits";
  static final String SCHOOL = "school";
  static final String USER = "user";
  static final String IP = "ip";
  /** The host as sorted doc values (aggregates). */
  static final String HOST = "host";
  /** The host with its labels reversed, one term: exact host and domain queries. */
  static final String HOST_REV = "hostRev";
  static final String URL = "url";
  static final String CATEGORY = "category";
  static final String APP = "app";
  /** The provider filing number of an app decision (a filter only: no doc values). */
  static final String PROVIDER_FILING = "providerFiling";
  /** The school's user filing id of an app decision (a filter only: no doc values). */
  static final String SCHOOL_FILING = "schoolFiling";
  static final String ACTION = "action";
  static final String REASON = "reason";
  static final String RULE = "rule";
  static final String GROUPS = "groups";
  static final String BYTES_UP = "bytesUp";
  static final String BYTES_DOWN = "bytesDown";

  /** URLs are indexed up to this many chars: keeps terms far below Lucene's 32 KB term limit. */
  static final int MAX_URL_CHARS = 2048;

  /** The index sort, and the search order for OLDEST_FIRST. */
  static final Sort OLDEST_FIRST =
      new Sort(new SortField(TS, SortField.Type.LONG), new SortField(SEQ, SortField.Type.LONG));

  static final Sort NEWEST_FIRST = new Sort(
      new SortField(TS, SortField.Type.LONG, true), new SortField(SEQ, SortField.Type.LONG, true));

  private EventFields() {}

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** The indexed form of a URL: lower case, cut to {@link #MAX_URL_CHARS}. */
  static String urlTerm(String url) {
    String u = url.length() > MAX_URL_CHARS ? url.substring(0, MAX_URL_CHARS) : url;
    return lower(u);
  }
}
