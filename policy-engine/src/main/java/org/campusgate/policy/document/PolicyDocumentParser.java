package org.campusgate.policy.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicyError;
import org.campusgate.policy.apps.AppRules;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.lists.ListEntries;
import org.campusgate.policy.schedule.DateRange;
import org.campusgate.policy.schedule.DaySets;
import org.campusgate.policy.schedule.Schedule;
import org.campusgate.policy.schedule.TimeWindow;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses the YAML policy document and checks its shape: every error is reported with its path in
 * the document and its line, and all of them at once. References between parts (groups,
 * categories, schedules) are checked by the compiler, which knows the loaded lists.
 */
public final class PolicyDocumentParser {
  /** A policy is a page of YAML; anything near this size is a mistake or an attack. */
  public static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

  private static final Set<String> TOP = Set.of("school", "name", "version", "timezone", "default",
      "unauthenticated", "bypass-categories", "groups", "schedules", "lists", "rules", "apps");
  private static final Set<String> APPS = Set.of("province", "whitelist-required", "minors", "training-ends",
      "training-resumes", "games", "holidays", "make-up-workdays", "stale-after-days");
  private static final Set<String> SCHEDULE = Set.of("timezone", "weekly", "exceptions");
  private static final Set<String> WEEKLY = Set.of("days", "times");
  private static final Set<String> EXCEPTION = Set.of("dates", "times", "closed", "name");
  private static final Set<String> LIST = Set.of("description", "domains", "urls", "expressions");
  private static final Set<String> RULE = Set.of("id", "groups", "when", "outside", "allow", "block", "otherwise");

  private PolicyDocumentParser() {}

  public static PolicyDocument parse(Path file) throws IOException, InvalidPolicyException {
    if (Files.size(file) > MAX_DOCUMENT_CHARS) {
      throw new InvalidPolicyException(file.toString(), List.of(new PolicyError("", 0,
          "policy document larger than " + MAX_DOCUMENT_CHARS + " bytes")));
    }
    return parse(Files.readString(file), file.toString());
  }

  public static PolicyDocument parse(String text, String source) throws InvalidPolicyException {
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new InvalidPolicyException(source, List.of(new PolicyError("", 0,
          "policy document larger than " + MAX_DOCUMENT_CHARS + " characters")));
    }
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      options.setNestingDepthLimit(20);
      options.setCodePointLimit(MAX_DOCUMENT_CHARS);
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new InvalidPolicyException(source, List.of(new PolicyError("", mark == null ? 0 : mark.getLine() + 1,
          "not valid YAML: " + e.getProblem())));
    } catch (YAMLException e) {
      throw new InvalidPolicyException(source, List.of(new PolicyError("", 0, "not valid YAML: " + e.getMessage())));
    }
    if (root == null) {
      throw new InvalidPolicyException(source, List.of(new PolicyError("", 0, "the document is empty")));
    }
    return new Reader(source).read(root);
  }

  /** One parse: collects errors while walking the tree. */
  private static final class Reader {
    private final String source;
    private final YamlTree tree = new YamlTree();

    Reader(String source) {
      this.source = source;
    }

    PolicyDocument read(Node root) throws InvalidPolicyException {
      Map<String, Node> top = tree.mapping("", root, TOP);
      if (!tree.errors().isEmpty() && top.isEmpty()) {
        throw new InvalidPolicyException(source, tree.errors());
      }
      String school = required(top, "school", "");
      String name = top.containsKey("name") ? tree.string("name", top.get("name")) : school;
      long version = top.containsKey("version") ? version(top.get("version")) : 1;
      ZoneId zone = top.containsKey("timezone") ? zone("timezone", top.get("timezone")) : ZoneId.of("Asia/Shanghai");
      boolean defaultAllow = !top.containsKey("default") || "allow".equals(choice("default", top.get("default"), "allow", "block"));
      Map<String, String> groups = groups(top.get("groups"));
      String unauthenticated = "guest";
      if (top.containsKey("unauthenticated")) {
        String value = tree.string("unauthenticated", top.get("unauthenticated"));
        unauthenticated = "auth-required".equals(value) ? null : value;
      }
      List<Ref> bypass = top.containsKey("bypass-categories") ? tree.refs("bypass-categories", top.get("bypass-categories")) : null;
      Map<String, Schedule> schedules = schedules(top.get("schedules"), zone == null ? ZoneId.of("Asia/Shanghai") : zone);
      List<CategoryList> lists = lists(top.get("lists"));
      List<RuleSpec> rules = rules(top.get("rules"));
      ZoneId appZone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
      AppRules appRules = top.containsKey("apps") ? appRules(top.get("apps"), appZone, groups.keySet()) : AppRules.defaults(appZone);
      if (!tree.errors().isEmpty()) {
        throw new InvalidPolicyException(source, tree.errors());
      }
      return new PolicyDocument(source, school, name, version, zone, defaultAllow, unauthenticated, bypass,
          groups, schedules, lists, rules, appRules);
    }

    /** The {@code apps:} section; every key is optional, defaults as {@link AppRules#defaults}. */
    private AppRules appRules(Node node, ZoneId zone, Set<String> groups) {
      AppRules d = AppRules.defaults(zone);
      Map<String, Node> spec = tree.mapping("apps", node, APPS);
      String province = spec.containsKey("province") ? tree.string("apps.province", spec.get("province")) : null;
      boolean whitelist = spec.containsKey("whitelist-required")
          && "true".equals(choice("apps.whitelist-required", spec.get("whitelist-required"), "true", "false"));
      Set<String> minors = d.minorGroups();
      if (spec.containsKey("minors")) {
        minors = new java.util.LinkedHashSet<>();
        for (Ref r : tree.refs("apps.minors", spec.get("minors"))) {
          if (!groups.contains(r.name())) {
            tree.errors().add(new PolicyError(r.path(), r.line(), "unknown group '" + r.name() + "'"));
          }
          minors.add(r.name());
        }
      }
      LocalTime ends = spec.containsKey("training-ends")
          ? parse("apps.training-ends", spec.get("training-ends"), LocalTime::parse) : d.trainingEnds();
      LocalTime resumes = spec.containsKey("training-resumes")
          ? parse("apps.training-resumes", spec.get("training-resumes"), LocalTime::parse) : d.trainingResumes();
      boolean banned = !spec.containsKey("games")
          || "banned".equals(choice("apps.games", spec.get("games"), "banned", "legal-hours"));
      List<DateRange> holidays = dates("apps.holidays", spec.get("holidays"));
      List<DateRange> workdays = dates("apps.make-up-workdays", spec.get("make-up-workdays"));
      int stale = d.staleAfterDays();
      if (spec.containsKey("stale-after-days")) {
        Integer days = parse("apps.stale-after-days", spec.get("stale-after-days"), t -> {
          try {
            int v = Integer.parseInt(t);
            if (v < 0 || v > 3650) {
              throw new IllegalArgumentException("must be 0 (never) to 3650 days, not " + t);
            }
            return v;
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number of days, not '" + t + "'");
          }
        });
        stale = days == null ? stale : days;
      }
      try {
        return new AppRules(province, whitelist, minors, ends == null ? d.trainingEnds() : ends,
            resumes == null ? d.trainingResumes() : resumes, banned,
            AppRules.legalGameHours(zone, holidays, workdays), stale);
      } catch (IllegalArgumentException e) {
        tree.error("apps", node, e.getMessage());
        return d;
      }
    }

    private List<DateRange> dates(String path, Node node) {
      return entries(path, node, DateRange::parse);
    }


    private String required(Map<String, Node> map, String key, String path) {
      Node node = map.get(key);
      if (node == null) {
        tree.errors().add(new PolicyError(YamlTree.join(path, key), 0, "is required"));
        return null;
      }
      return tree.string(YamlTree.join(path, key), node);
    }

    private long version(Node node) {
      String text = tree.string("version", node);
      try {
        long v = Long.parseLong(text == null ? "1" : text);
        if (v < 0) {
          throw new NumberFormatException();
        }
        return v;
      } catch (NumberFormatException e) {
        tree.error("version", node, "must be a whole number >= 0, not '" + text + "'");
        return 1;
      }
    }

    private ZoneId zone(String path, Node node) {
      String text = tree.string(path, node);
      if (text == null) {
        return null;
      }
      try {
        return ZoneId.of(text);
      } catch (DateTimeException e) {
        tree.error(path, node, "unknown time zone '" + text + "' (use a name like Asia/Shanghai)");
        return null;
      }
    }

    private String choice(String path, Node node, String... allowed) {
      String text = tree.string(path, node);
      if (text == null) {
        return null;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      for (String a : allowed) {
        if (a.equals(lower)) {
          return a;
        }
      }
      tree.error(path, node, "must be one of " + String.join(", ", allowed) + ", not '" + text + "'");
      return null;
    }

    private Map<String, String> groups(Node node) {
      Map<String, String> groups = new LinkedHashMap<>();
      if (node == null) {
        return groups;
      }
      if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
        for (Ref r : tree.refs("groups", node)) {
          checkName(r.path(), r.name(), node);
          groups.put(r.name(), r.name());
        }
        return groups;
      }
      tree.mapping("groups", node, null).forEach((name, value) -> {
        checkName("groups." + name, name, value);
        String display = value instanceof org.yaml.snakeyaml.nodes.ScalarNode s && !s.getValue().isBlank() ? s.getValue().strip() : name;
        groups.put(name, display);
      });
      return groups;
    }

    private void checkName(String path, String name, Node node) {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
        tree.error(path, node, "names use letters, digits, '_', '.', '-' (at most 64), not '" + name + "'");
      }
    }

    private Map<String, Schedule> schedules(Node node, ZoneId defaultZone) {
      Map<String, Schedule> schedules = new LinkedHashMap<>();
      if (node == null) {
        return schedules;
      }
      tree.mapping("schedules", node, null).forEach((name, value) -> {
        String path = "schedules." + name;
        checkName(path, name, value);
        Map<String, Node> spec = tree.mapping(path, value, SCHEDULE);
        ZoneId zone = spec.containsKey("timezone") ? zone(path + ".timezone", spec.get("timezone")) : defaultZone;
        Schedule.Builder builder = Schedule.builder(name, zone == null ? defaultZone : zone);
        if (spec.containsKey("weekly")) {
          List<Node> entries = tree.items(path + ".weekly", spec.get("weekly"));
          for (int i = 0; i < entries.size(); i++) {
            String at = path + ".weekly[" + i + "]";
            Map<String, Node> entry = tree.mapping(at, entries.get(i), WEEKLY);
            var days = parse(at + ".days", entry.get("days"), DaySets::parse);
            var windows = windows(at + ".times", entry.get("times"));
            if (days != null && windows != null) {
              builder.weekly(days, windows);
            }
          }
        }
        if (spec.containsKey("exceptions")) {
          List<Node> entries = tree.items(path + ".exceptions", spec.get("exceptions"));
          for (int i = 0; i < entries.size(); i++) {
            String at = path + ".exceptions[" + i + "]";
            Node entryNode = entries.get(i);
            Map<String, Node> entry = tree.mapping(at, entryNode, EXCEPTION);
            DateRange dates = parse(at + ".dates", entry.get("dates"), DateRange::parse);
            boolean closed = entry.containsKey("closed") && "true".equals(choice(at + ".closed", entry.get("closed"), "true", "false"));
            if (closed == entry.containsKey("times")) {
              tree.error(at, entryNode, "give either 'closed: true' or 'times', not both or neither");
              continue;
            }
            if (dates == null) {
              continue;
            }
            if (closed) {
              builder.closed(dates);
            } else {
              var windows = windows(at + ".times", entry.get("times"));
              if (windows != null) {
                builder.exception(dates, windows);
              }
            }
          }
        }
        try {
          schedules.put(name, builder.build());
        } catch (IllegalArgumentException e) {
          tree.error(path, value, e.getMessage());
        }
      });
      return schedules;
    }

    private List<TimeWindow> windows(String path, Node node) {
      if (node == null) {
        tree.errors().add(new PolicyError(path, 0, "is required"));
        return null;
      }
      List<TimeWindow> windows = new ArrayList<>();
      boolean ok = true;
      for (Ref r : tree.refs(path, node)) {
        try {
          windows.add(TimeWindow.parse(r.name()));
        } catch (IllegalArgumentException e) {
          tree.errors().add(new PolicyError(r.path(), r.line(), e.getMessage()));
          ok = false;
        }
      }
      return ok ? windows : null;
    }

    private <T> T parse(String path, Node node, java.util.function.Function<String, T> parser) {
      if (node == null) {
        tree.errors().add(new PolicyError(path, 0, "is required"));
        return null;
      }
      String text = tree.string(path, node);
      if (text == null) {
        return null;
      }
      try {
        return parser.apply(text);
      } catch (IllegalArgumentException | DateTimeException e) {
        tree.error(path, node, e.getMessage());
        return null;
      }
    }

    private List<CategoryList> lists(Node node) {
      List<CategoryList> lists = new ArrayList<>();
      if (node == null) {
        return lists;
      }
      tree.mapping("lists", node, null).forEach((name, value) -> {
        String path = "lists." + name;
        checkName(path, name, value);
        Map<String, Node> spec = tree.mapping(path, value, LIST);
        String description = spec.containsKey("description") ? tree.string(path + ".description", spec.get("description")) : null;
        List<String> domains = entries(path + ".domains", spec.get("domains"), ListEntries::domain);
        List<String> urls = entries(path + ".urls", spec.get("urls"), ListEntries::url);
        List<String> expressions = entries(path + ".expressions", spec.get("expressions"), ListEntries::expression);
        lists.add(new CategoryList(name, Map.of(), description == null ? Map.of() : Map.of("en", description),
            "", domains, urls, expressions));
      });
      return lists;
    }

    /** Each value of a list read by {@code normalise}; a value it refuses is an error at its line. */
    private <T> List<T> entries(String path, Node node, java.util.function.Function<String, T> normalise) {
      List<T> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      for (Ref r : tree.refs(path, node)) {
        try {
          out.add(normalise.apply(r.name()));
        } catch (IllegalArgumentException | DateTimeException e) {
          tree.errors().add(new PolicyError(r.path(), r.line(), e.getMessage()));
        }
      }
      return out;
    }

    private List<RuleSpec> rules(Node node) {
      List<RuleSpec> rules = new ArrayList<>();
      if (node == null) {
        return rules;
      }
      List<Node> items = tree.items("rules", node);
      for (int i = 0; i < items.size(); i++) {
        String path = "rules[" + i + "]";
        Node ruleNode = items.get(i);
        Map<String, Node> spec = tree.mapping(path, ruleNode, RULE);
        String id = spec.containsKey("id") ? tree.string(path + ".id", spec.get("id")) : "rule-" + (i + 1);
        if (id != null) {
          checkName(path + ".id", id, ruleNode);
        }
        List<Ref> groups = List.of();
        if (spec.containsKey("groups")) {
          groups = tree.refs(path + ".groups", spec.get("groups"));
          if (groups.size() == 1 && groups.get(0).name().equals("all")) {
            groups = List.of();
          }
        }
        Ref when = null;
        if (spec.containsKey("when")) {
          String name = tree.string(path + ".when", spec.get("when"));
          when = name == null ? null : new Ref(name, path + ".when", YamlTree.line(spec.get("when")));
        }
        Fallthrough outside = fallthrough(path + ".outside", spec.get("outside"));
        if (spec.containsKey("outside") && when == null) {
          tree.error(path + ".outside", spec.get("outside"), "only makes sense with 'when'");
        }
        List<Ref> allow = spec.containsKey("allow") ? tree.refs(path + ".allow", spec.get("allow")) : List.of();
        List<Ref> block = spec.containsKey("block") ? tree.refs(path + ".block", spec.get("block")) : List.of();
        Fallthrough otherwise = fallthrough(path + ".otherwise", spec.get("otherwise"));
        rules.add(new RuleSpec(id, path, YamlTree.line(ruleNode), groups, when, outside, allow, block, otherwise));
      }
      return rules;
    }

    private Fallthrough fallthrough(String path, Node node) {
      if (node == null) {
        return Fallthrough.CONTINUE;
      }
      String value = choice(path, node, "allow", "block", "continue");
      return value == null ? Fallthrough.CONTINUE : Fallthrough.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
