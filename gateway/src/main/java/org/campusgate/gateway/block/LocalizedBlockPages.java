package org.campusgate.gateway.block;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.campusgate.policy.Decision;
import org.campusgate.policy.ReasonCode;

/**
 * Block pages in Simplified Chinese (default) or English, as {@code Accept-Language} prefers (see
 * {@link AcceptLanguage}), with a one-line summary in the other language under the page.
 *
 * <p>The page is small and self-contained: inline CSS, no scripts, no links, no external
 * resources, and a {@code Content-Security-Policy} meta tag that forbids everything but the inline
 * style, as a second line of defence. It shows what was blocked, why (the sentence for the reason
 * code, and the code), the rule and policy version, when present the category, the app (by its
 * display name) and its provider filing number, the time in the school's zone, the user, the
 * request id (the audit event id) and the school's contact line.
 * Every value from {@link BlockFacts} is cleaned and escaped by {@link HtmlWriter}; the target is
 * cut to {@value #MAX_TARGET} code points, other values to {@value HtmlWriter#DEFAULT_MAX}.
 *
 * <p>Immutable and thread-safe; texts are loaded (and checked complete) by the constructor.
 */
public final class LocalizedBlockPages implements BlockPages {
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  /** What the HTML page is sent as. */
  public static final String CONTENT_TYPE = "text/html; charset=utf-8";
  /**
   * A policy for the 403 response carrying the page (the page repeats it, less
   * {@code frame-ancestors}, in a meta tag).
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
          + "frame-ancestors 'none'";
  /** The longest target shown, in code points; longer ones end in an ellipsis. */
  public static final int MAX_TARGET = 500;
  static final int MAX_CONTACT = 500;
  /** Bounds of a {@link #connectReason}: each field, the request id, and the whole line. */
  static final int MAX_TOKEN = 64;
  static final int MAX_ID_TOKEN = 128;
  static final int MAX_CONNECT_REASON = 512;

  private static final String META_CSP =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  private static final String STYLE = "body{margin:0;background:#f4f5f7;color:#1f2328;"
      + "font:16px/1.6 system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\","
      + "\"Noto Sans CJK SC\",sans-serif}"
      + "main{max-width:40rem;margin:3rem auto;padding:1.5rem 2rem;background:#fff;"
      + "border-top:6px solid #c62828;border-radius:4px;box-shadow:0 1px 3px rgba(0,0,0,.12)}"
      + "h1{margin:0 0 .5rem;font-size:1.5rem;color:#c62828}"
      + ".lead{font-size:1.1rem;margin:0 0 1rem}"
      + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}"
      + "dt{color:#57606a}dd{margin:0;overflow-wrap:anywhere}"
      + "code{font:.9em ui-monospace,Consolas,monospace;background:#f0f1f3;padding:0 .25em}"
      + ".muted{color:#57606a}.other{margin-top:1.5rem;padding-top:.75rem;"
      + "border-top:1px solid #d0d7de;font-size:.9rem;color:#57606a}";

  private final ZoneId zone;
  private final Map<Lang, Messages> messages = new EnumMap<>(Lang.class);
  private final Map<Lang, DateTimeFormatter> timeFormats = new EnumMap<>(Lang.class);

  /** Pages with times in {@link #DEFAULT_ZONE}, Asia/Shanghai. */
  public LocalizedBlockPages() {
    this(DEFAULT_ZONE);
  }

  /** Pages with times in the school's zone. */
  public LocalizedBlockPages(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    for (Lang lang : Lang.values()) {
      Messages m = Messages.load(lang);
      messages.put(lang, m);
      timeFormats.put(lang,
          DateTimeFormatter.ofPattern(m.get("time.pattern"), lang.locale).withZone(zone));
    }
  }

  public ZoneId zone() {
    return zone;
  }

  @Override
  public String html(BlockFacts facts, String acceptLanguage) {
    Objects.requireNonNull(facts, "facts");
    Lang lang = AcceptLanguage.negotiate(acceptLanguage);
    Messages t = messages.get(lang);
    Decision d = facts.decision();
    HtmlWriter w = new HtmlWriter(4096);

    w.markup("<!DOCTYPE html>\n").open("html", "lang", lang.tag).markup("\n<head>\n")
        .markup("<meta charset=\"utf-8\">\n")
        .markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .markup("<meta http-equiv=\"Content-Security-Policy\" content=\"" + META_CSP + "\">\n")
        .markup("<meta name=\"referrer\" content=\"no-referrer\">\n")
        .markup("<meta name=\"robots\" content=\"noindex, nofollow\">\n")
        .element("title", t.get("page.title")).markup("\n")
        .markup("<style>").markup(STYLE).markup("</style>\n</head>\n<body>\n<main>\n")
        .element("h1", t.get("page.heading")).markup("\n")
        .element("p", t.reason(d.reason()), "class", "lead").markup("\n<dl>\n");

    row(w, t.get("label.target")).text(facts.target(), MAX_TARGET).markup("</dd>\n");
    row(w, t.get("label.reason")).element("code", d.reason().name()).markup("</dd>\n");
    row(w, t.get("label.rule"));
    if (present(d.ruleId())) {
      w.element("code", d.ruleId());
    } else {
      w.element("span", t.get("rule.default"), "class", "muted");
    }
    w.markup(" ").element("span",
        fill(t.get("policy.version"), Map.of("version", Long.toString(d.policyVersion()))),
        "class", "muted").markup("</dd>\n");
    if (present(d.category())) {
      row(w, t.get("label.category")).text(d.category()).markup("</dd>\n");
    }
    if (present(d.app())) {
      // The name users know the app by; the catalogue id when the register gives none.
      String name = present(d.appName()) ? d.appName() : d.app();
      row(w, t.get("label.app")).text(name).markup("</dd>\n");
    }
    if (present(d.providerFiling())) {
      row(w, t.get("label.filing")).element("code", d.providerFiling()).markup("</dd>\n");
    }
    row(w, t.get("label.time")).text(timeFormats.get(lang).format(facts.time()))
        .markup("</dd>\n");
    row(w, t.get("label.user"));
    if (present(facts.userId())) {
      w.text(facts.userId());
    } else {
      w.element("span", t.get("user.unidentified"), "class", "muted");
    }
    w.markup("</dd>\n");
    row(w, t.get("label.requestId")).element("code", facts.requestId()).markup("</dd>\n");
    w.markup("</dl>\n").element("p", t.get("page.help"), "class", "help").markup("\n");

    w.open("p", "class", "contact").element("span", t.get("label.contact"), "class", "muted")
        .markup(" ");
    if (present(facts.contactLine())) {
      w.text(facts.contactLine(), MAX_CONTACT);
    } else {
      w.text(t.get("contact.missing"));
    }
    w.close("p").markup("\n");

    Lang other = lang.other();
    Messages o = messages.get(other);
    String summary = fill(o.get("summary"), Map.of(
        "reason", o.reason(d.reason()),
        "code", d.reason().name(),
        "requestId", Text.clean(facts.requestId(), HtmlWriter.DEFAULT_MAX)));
    w.open("p", "class", "other", "lang", other.tag).text(summary, Integer.MAX_VALUE).close("p")
        .markup("\n</main>\n</body>\n</html>\n");
    return w.toString();
  }

  /**
   * {@code CODE rule=<rule> category=<category> app=<app> filing=<provider filing> id=<requestId>}:
   * printable ASCII, no CR/LF, at most {@value #MAX_CONNECT_REASON} characters. Rule, category,
   * app and filing are reduced to {@code [A-Za-z0-9._:-]} (others become {@code _}) and
   * {@value #MAX_TOKEN} characters, and left out when absent.
   */
  @Override
  public String connectReason(BlockFacts facts) {
    Objects.requireNonNull(facts, "facts");
    Decision d = facts.decision();
    StringBuilder s = new StringBuilder(128).append(d.reason().name());
    field(s, "rule", Text.token(d.ruleId(), MAX_TOKEN));
    field(s, "category", Text.token(d.category(), MAX_TOKEN));
    field(s, "app", Text.token(d.app(), MAX_TOKEN));
    field(s, "filing", Text.token(d.providerFiling(), MAX_TOKEN));
    field(s, "id", Text.token(facts.requestId(), MAX_ID_TOKEN));
    return s.length() > MAX_CONNECT_REASON ? s.substring(0, MAX_CONNECT_REASON) : s.toString();
  }

  /** The sentence for a reason code in a language (for the CONNECT body, logs, the console). */
  public String reasonText(ReasonCode code, String acceptLanguage) {
    return messages.get(AcceptLanguage.negotiate(acceptLanguage)).reason(code);
  }

  private static HtmlWriter row(HtmlWriter w, String label) {
    return w.element("dt", label).open("dd");
  }

  private static void field(StringBuilder s, String name, String token) {
    if (!token.isEmpty()) {
      s.append(' ').append(name).append('=').append(token);
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /**
   * Replaces each {@code {name}} of a trusted template in one pass (so a value that itself
   * contains {@code {...}} stays as it is); unknown names are left. The result is escaped when
   * written.
   */
  static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + 64);
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int close = open < 0 ? -1 : template.indexOf('}', open + 1);
      if (close < 0) {
        break;
      }
      String value = values.get(template.substring(open + 1, close));
      out.append(template, i, open)
          .append(value != null ? value : template.substring(open, close + 1));
      i = close + 1;
    }
    return out.append(template, i, template.length()).toString();
  }
}
