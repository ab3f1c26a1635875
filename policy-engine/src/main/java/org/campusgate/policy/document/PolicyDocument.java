package org.campusgate.policy.document;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.campusgate.policy.apps.AppRules;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.schedule.Schedule;

/**
 * A school's policy as its admin wrote it, checked for shape but not yet for references (which
 * groups, categories and schedules exist is the compiler's check). The YAML format is described
 * in the README and parsed by {@link PolicyDocumentParser}.
 *
 * @param source where it came from (file name), for messages
 * @param schoolId the school it belongs to
 * @param schoolName its display name
 * @param version the policy version recorded with every decision
 * @param zone the time zone schedules are read in
 * @param defaultAllow whether a request no rule decided is allowed
 * @param unauthenticatedGroup the group unidentified clients are put in, or null when they must
 *     authenticate
 * @param bypassCategories categories whose blocks are reported as bypass attempts; null for the
 *     built-in set
 * @param groups group names and their display names
 * @param schedules named schedules
 * @param lists the school's own lists, usable like categories
 * @param rules the rules in order
 * @param appRules the settings of the learning-app rules ({@code apps:})
 */
public record PolicyDocument(
    String source,
    String schoolId,
    String schoolName,
    long version,
    ZoneId zone,
    boolean defaultAllow,
    String unauthenticatedGroup,
    List<Ref> bypassCategories,
    Map<String, String> groups,
    Map<String, Schedule> schedules,
    List<CategoryList> lists,
    List<RuleSpec> rules,
    AppRules appRules) {

  /** UT1 categories that are ways around the filter; blocks there are reported as BYPASS_BLOCKED. */
  public static final List<String> DEFAULT_BYPASS_CATEGORIES = List.of(
      "vpn", "doh", "redirector", "strict_redirector", "strong_redirector", "residential-proxies", "remote-control");

  public PolicyDocument {
    bypassCategories = bypassCategories == null ? null : List.copyOf(bypassCategories);
    groups = Map.copyOf(groups);
    schedules = Map.copyOf(schedules);
    lists = List.copyOf(lists);
    rules = List.copyOf(rules);
    appRules = appRules == null ? AppRules.defaults(zone == null ? ZoneId.of("Asia/Shanghai") : zone) : appRules;
  }

  /**
   * The ad-hoc policy of {@code decide --block}: the given categories blocked for everyone,
   * identified or not, everything else allowed.
   */
  public static PolicyDocument blocking(List<String> categories) {
    List<Ref> refs = categories.stream().map(c -> new Ref(c, "--block", 0)).toList();
    RuleSpec rule = new RuleSpec("block", "--block", 0, List.of(), null, Fallthrough.CONTINUE,
        List.of(), refs, Fallthrough.CONTINUE);
    return new PolicyDocument("--block", "ad-hoc", "ad hoc", 0, ZoneId.of("Asia/Shanghai"), true,
        "guest", null, Map.of("guest", "guest"), Map.of(), List.of(), List.of(rule), null);
  }
}
