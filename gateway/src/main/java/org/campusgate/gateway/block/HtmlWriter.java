package org.campusgate.gateway.block;

import java.util.regex.Pattern;

/**
 * A tiny HTML builder that makes escaping the default: {@link #text} cleans and escapes,
 * {@link #open} escapes attribute values and accepts only plain lower-case tag and attribute
 * names. Only {@link #markup} writes verbatim, and it is given constants of this package, never
 * request data.
 */
final class HtmlWriter {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
  /** Default cap for a displayed value, in code points. */
  static final int DEFAULT_MAX = 200;

  private final StringBuilder out;

  HtmlWriter(int capacity) {
    out = new StringBuilder(capacity);
  }

  /** Trusted markup, written as is: constants only. */
  HtmlWriter markup(String trusted) {
    out.append(trusted);
    return this;
  }

  /** Untrusted text, cleaned ({@link Text#clean}, {@value #DEFAULT_MAX} code points), escaped. */
  HtmlWriter text(String untrusted) {
    return text(untrusted, DEFAULT_MAX);
  }

  /** Untrusted text, cleaned to one line of at most {@code maxCodePoints} and escaped. */
  HtmlWriter text(String untrusted, int maxCodePoints) {
    out.append(Text.html(Text.clean(untrusted, maxCodePoints)));
    return this;
  }

  /**
   * An opening tag with attributes given as name, value pairs; values are cleaned and escaped
   * into double quotes.
   */
  HtmlWriter open(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    out.append('<').append(name(tag));
    for (int i = 0; i < attributes.length; i += 2) {
      out.append(' ').append(name(attributes[i])).append("=\"");
      text(attributes[i + 1]);
      out.append('"');
    }
    out.append('>');
    return this;
  }

  HtmlWriter close(String tag) {
    out.append("</").append(name(tag)).append('>');
    return this;
  }

  /** {@code <tag attrs>text</tag>} with the text escaped. */
  HtmlWriter element(String tag, String untrusted, String... attributes) {
    return open(tag, attributes).text(untrusted).close(tag);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private static String name(String n) {
    if (n == null || !NAME.matcher(n).matches()) {
      throw new IllegalArgumentException("not a plain tag or attribute name: " + n);
    }
    return n;
  }
}
