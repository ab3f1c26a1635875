package org.campusgate.policy;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Instant;
import java.util.Objects;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.AppRules;
import org.campusgate.policy.document.PolicyDocument;
import org.campusgate.policy.match.CategoryIndex;
import org.campusgate.policy.url.CanonicalUrl;

/**
 * A compiled, immutable policy of one school at one version. {@link #decide} is a pure function
 * of the request's facts: no I/O, no clock, no shared mutable state, safe from any number of
 * threads. Build one with {@link PolicyCompiler}; publish it through a {@link PolicyHolder}.
 *
 * <p>Evaluation: an unidentified client is put in the policy's guest group, or gets {@code
 * AUTH_REQUIRED}. Then the rules are tried in order; a rule applies when the user is in one of
 * its groups. Outside its schedule a rule allows, blocks ({@code OUTSIDE_SCHEDULE}) or passes, as
 * its {@code outside} says. Inside, its {@code allow} lists are checked first ({@code
 * ALLOWED_BY_EXCEPTION}), then its {@code block} lists ({@code URL_BLOCKED} for the school's own
 * lists, {@code BYPASS_BLOCKED} for bypass categories, {@code CATEGORY_BLOCKED} otherwise), then
 * its {@code otherwise}. When no rule decides, the policy's default applies.
 */
public final class PolicySnapshot {
  private final String schoolId;
  private final String schoolName;
  private final long version;
  private final ZoneId zone;
  private final boolean defaultAllow;
  private final int guestGroup;
  private final Map<String, Integer> groupIds;
  private final int groupWords;
  private final CategoryIndex index;
  private final CompiledRule[] rules;
  private final boolean[] custom;
  private final boolean[] bypass;
  /** Category ids in the order they are reported when several match: own lists, bypass, others. */
  private final int[] priority;
  private final String guestName;
  private final AppRegister register;
  private final AppRules appRules;
  private final AppDecisions apps;

  PolicySnapshot(PolicyDocument doc, CategoryIndex index, List<CompiledRule> rules,
      Map<String, Integer> groupIds, Set<String> customNames, Set<String> bypassNames,
      AppRegister register) {
    this.schoolId = doc.schoolId();
    this.schoolName = doc.schoolName();
    this.version = doc.version();
    this.zone = doc.zone();
    this.defaultAllow = doc.defaultAllow();
    this.groupIds = Map.copyOf(groupIds);
    this.guestGroup = doc.unauthenticatedGroup() == null ? -1 : groupIds.get(doc.unauthenticatedGroup());
    this.groupWords = Math.max(1, (groupIds.size() + 63) >>> 6);
    this.index = index;
    this.rules = rules.toArray(new CompiledRule[0]);
    int n = index.categoryCount();
    this.custom = new boolean[n];
    this.bypass = new boolean[n];
    List<Integer> order = new ArrayList<>();
    for (int id = 0; id < n; id++) {
      custom[id] = customNames.contains(index.name(id));
      bypass[id] = bypassNames.contains(index.name(id));
    }
    for (int pass = 0; pass < 3; pass++) {
      for (int id = 0; id < n; id++) {
        int rank = custom[id] ? 0 : bypass[id] ? 1 : 2;
        if (rank == pass) {
          order.add(id);
        }
      }
    }
    this.priority = order.stream().mapToInt(Integer::intValue).toArray();
    this.guestName = doc.unauthenticatedGroup();
    this.register = register;
    this.appRules = doc.appRules();
    this.apps = new AppDecisions(register, appRules, zone, schoolId);
  }

  /** The same policy deciding with another register (a register change, not a policy change). */
  private PolicySnapshot(PolicySnapshot p, AppRegister register) {
    this.schoolId = p.schoolId;
    this.schoolName = p.schoolName;
    this.version = p.version;
    this.zone = p.zone;
    this.defaultAllow = p.defaultAllow;
    this.guestGroup = p.guestGroup;
    this.groupIds = p.groupIds;
    this.groupWords = p.groupWords;
    this.index = p.index;
    this.rules = p.rules;
    this.custom = p.custom;
    this.bypass = p.bypass;
    this.priority = p.priority;
    this.guestName = p.guestName;
    this.register = register;
    this.appRules = p.appRules;
    this.apps = new AppDecisions(register, appRules, zone, schoolId);
  }

  /**
   * This policy with {@code next} as its register: same version, decisions about apps follow
   * the new filings. {@link PolicyHolder#publish} accepts it when its register is newer.
   */
  public PolicySnapshot withRegister(AppRegister next) {
    return new PolicySnapshot(this, Objects.requireNonNull(next, "next"));
  }

  public AppRegister register() {
    return register;
  }

  public AppRules appRules() {
    return appRules;
  }

  /**
   * Whether the register's filing data is older than the school allows at {@code t} (minors
   * then fail closed on learning apps: an alert to show).
   */
  public boolean registerStale(Instant t) {
    return !register.apps().isEmpty() && apps.stale(t);
  }

  public String schoolId() {
    return schoolId;
  }

  public String schoolName() {
    return schoolName;
  }

  public long version() {
    return version;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Names of the categories this snapshot can match, in id order. */
  public List<String> categories() {
    List<String> names = new ArrayList<>(index.categoryCount());
    for (int id = 0; id < index.categoryCount(); id++) {
      names.add(index.name(id));
    }
    return Collections.unmodifiableList(names);
  }

  /** Number of compiled domain entries, for operators and benchmarks. */
  public int domainEntries() {
    return index.domainEntries();
  }

  /**
   * Decides one request, in the order of RULES.md §3: authentication (step 0), then for a
   * request that maps to a catalogue app a block by category (1) and the app steps 2–8, then
   * the URL policy (9). Never returns null and never throws for a well-formed context.
   */
  public Decision decide(RequestContext request) {
    if (request.user() == null && guestGroup < 0) {
      return new Decision(Action.AUTH_REQUIRED, ReasonCode.AUTH_REQUIRED, null, null, null, version);
    }
    // The app lookup first: its one likely cache miss then overlaps the URL policy's work.
    int appIndex = register.apps().isEmpty() ? -1 : register.matchIndex(request.target());
    Decision url = urlPolicy(request);
    if (appIndex < 0) {
      return url;
    }
    App app = register.apps().get(appIndex);
    if (url.action() == Action.BLOCK && (url.reason() == ReasonCode.CATEGORY_BLOCKED
        || url.reason() == ReasonCode.URL_BLOCKED || url.reason() == ReasonCode.BYPASS_BLOCKED)) {
      return about(url, app, null, null, null);
    }
    Set<String> groups = request.user() == null ? Set.of(guestName) : request.user().groups();
    AppDecisions.Outcome o = apps.decide(appIndex, groups, request.time());
    String providerNumber = o.provider() == null ? null : o.provider().filingNumber();
    String filingId = o.filing() == null ? null : o.filing().id();
    if (o.blocks()) {
      return new Decision(Action.BLOCK, o.block(), APP_RULE, url.category(), app.id(), version,
          app.name(), providerNumber, filingId, o.notice());
    }
    if (!url.allowed() && url.reason() == ReasonCode.NOT_ALLOWED && o.filing() != null) {
      // A confirmed school filing is the school's own allow-list entry for the app.
      return new Decision(Action.ALLOW, ReasonCode.ALLOWED, APP_RULE, url.category(), app.id(),
          version, app.name(), providerNumber, filingId, o.notice());
    }
    return about(url, app, providerNumber, filingId, o.notice());
  }

  /** The rule id recorded when the register, not a policy rule, decided. */
  public static final String APP_RULE = "app-register";

  private Decision about(Decision d, App app, String providerNumber, String filingId, AppNotice notice) {
    return new Decision(d.action(), d.reason(), d.ruleId(), d.category(), app.id(), d.policyVersion(),
        app.name(), providerNumber, filingId, notice);
  }

  /** Step 9, the ordinary URL policy: the rules in order, then the default. */
  private Decision urlPolicy(RequestContext request) {
    long[] groups = new long[groupWords];
    UserIdentity user = request.user();
    if (user == null) {
      if (guestGroup < 0) {
        return new Decision(Action.AUTH_REQUIRED, ReasonCode.AUTH_REQUIRED, null, null, null, version);
      }
      groups[guestGroup >>> 6] |= 1L << guestGroup;
    } else {
      for (String g : user.groups()) {
        Integer id = groupIds.get(g);
        if (id != null) {
          groups[id >>> 6] |= 1L << id;
        }
      }
    }
    CanonicalUrl target = request.target();
    long[] matched = index.match(target);
    Subject subject = new Subject(target);
    for (CompiledRule rule : rules) {
      if (!rule.appliesTo(groups)) {
        continue;
      }
      if (!rule.inSchedule(request.time())) {
        switch (rule.outside()) {
          case BLOCK:
            return block(ReasonCode.OUTSIDE_SCHEDULE, rule.id(), first(matched));
          case ALLOW:
            return allow(ReasonCode.ALLOWED, rule.id(), first(matched));
          default:
            continue;
        }
      }
      int exception = hit(rule.allow(), matched, subject);
      if (exception >= 0) {
        return allow(ReasonCode.ALLOWED_BY_EXCEPTION, rule.id(), exception);
      }
      int blocked = hit(rule.block(), matched, subject);
      if (blocked >= 0) {
        ReasonCode reason = custom[blocked] ? ReasonCode.URL_BLOCKED
            : bypass[blocked] ? ReasonCode.BYPASS_BLOCKED : ReasonCode.CATEGORY_BLOCKED;
        return block(reason, rule.id(), blocked);
      }
      switch (rule.otherwise()) {
        case ALLOW:
          return allow(ReasonCode.ALLOWED, rule.id(), first(matched));
        case BLOCK:
          return block(ReasonCode.NOT_ALLOWED, rule.id(), first(matched));
        default:
          break;
      }
    }
    return defaultAllow
        ? allow(ReasonCode.ALLOWED, null, first(matched))
        : block(ReasonCode.NOT_ALLOWED, null, first(matched));
  }

  /** The reported category of {@code mask} that the request falls in, or -1. Expressions last: they cost most. */
  private int hit(CategoryMask mask, long[] matched, Subject subject) {
    if (mask.intersects(matched)) {
      for (int id : priority) {
        if (mask.contains(id) && (matched[id >>> 6] & (1L << id)) != 0) {
          return id;
        }
      }
    }
    if (mask.withExpressions().length > 0 && !subject.url.isAuthorityOnly()) {
      String text = subject.text();
      for (int id : mask.withExpressions()) {
        if (index.expressionMatches(id, text)) {
          return id;
        }
      }
    }
    return -1;
  }

  /** What expressions run over, built at most once per decision and only if one is asked. */
  private static final class Subject {
    final CanonicalUrl url;
    private String text;

    Subject(CanonicalUrl url) {
      this.url = url;
    }

    String text() {
      if (text == null) {
        text = url.hostAndPath();
      }
      return text;
    }
  }

  private int first(long[] matched) {
    for (long word : matched) {
      if (word != 0) {
        for (int id : priority) {
          if ((matched[id >>> 6] & (1L << id)) != 0) {
            return id;
          }
        }
      }
    }
    return -1;
  }

  private Decision allow(ReasonCode reason, String rule, int category) {
    return new Decision(Action.ALLOW, reason, rule, category < 0 ? null : index.name(category), null, version);
  }

  private Decision block(ReasonCode reason, String rule, int category) {
    return new Decision(Action.BLOCK, reason, rule, category < 0 ? null : index.name(category), null, version);
  }
}
