package org.campusgate.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.document.PolicyDocument;
import org.campusgate.policy.document.Ref;
import org.campusgate.policy.document.RuleSpec;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.match.CategoryIndex;
import org.campusgate.policy.schedule.Schedule;

/**
 * Compiles a policy document against the loaded lists into an immutable {@link PolicySnapshot}.
 * Every reference is checked here (groups, schedules, categories, rule ids) and every problem is
 * reported with its path in the document; a document with any problem yields no snapshot, so
 * the one running stays in place.
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /** Compiles with no app register: no request maps to an app. */
  public static PolicySnapshot compile(PolicyDocument doc, ListSet lists) throws InvalidPolicyException {
    return compile(doc, lists, AppRegister.empty());
  }

  /** Compiles a policy that decides learning apps with {@code register}. */
  public static PolicySnapshot compile(PolicyDocument doc, ListSet lists, AppRegister register)
      throws InvalidPolicyException {
    List<PolicyError> errors = new ArrayList<>();

    // Category ids: the school's own lists first, then every imported one. Categories no rule
    // names are compiled too, so every decision reports what the request was (for reports).
    Map<String, CategoryList> custom = new LinkedHashMap<>();
    for (CategoryList list : doc.lists()) {
      if (lists.find(list.name()).isPresent()) {
        errors.add(new PolicyError("lists." + list.name(), 0,
            "a list may not have the name of an imported category"));
      }
      custom.put(list.name(), list);
    }
    Map<String, CategoryList> used = new LinkedHashMap<>(custom);
    lists.categories().values().forEach(list -> used.putIfAbsent(list.name(), list));
    for (RuleSpec rule : doc.rules()) {
      for (Ref ref : concat(rule.allow(), rule.block())) {
        resolve(ref, custom, lists, used, errors);
      }
    }
    Set<String> bypass = new HashSet<>();
    if (doc.bypassCategories() == null) {
      for (String name : PolicyDocument.DEFAULT_BYPASS_CATEGORIES) {
        lists.find(name).ifPresent(l -> bypass.add(l.name()));
      }
    } else {
      for (Ref ref : doc.bypassCategories()) {
        CategoryList list = resolve(ref, custom, lists, used, errors);
        if (list != null) {
          bypass.add(list.name());
        }
      }
    }

    Map<String, Integer> groupIds = new HashMap<>();
    doc.groups().keySet().forEach(g -> groupIds.put(g, groupIds.size()));
    if (doc.unauthenticatedGroup() != null && !groupIds.containsKey(doc.unauthenticatedGroup())) {
      errors.add(new PolicyError("unauthenticated", 0,
          "unknown group '" + doc.unauthenticatedGroup() + "' (define it under groups, or say auth-required)"));
    }

    Set<String> ruleIds = new HashSet<>();
    for (RuleSpec rule : doc.rules()) {
      if (rule.id() != null && !ruleIds.add(rule.id())) {
        errors.add(new PolicyError(rule.path() + ".id", rule.line(), "duplicate rule id '" + rule.id() + "'"));
      }
      for (Ref g : rule.groups()) {
        if (!groupIds.containsKey(g.name())) {
          errors.add(new PolicyError(g.path(), g.line(), "unknown group '" + g.name() + "'" + known(groupIds.keySet())));
        }
      }
      if (rule.when() != null && !doc.schedules().containsKey(rule.when().name())) {
        errors.add(new PolicyError(rule.when().path(), rule.when().line(),
            "unknown schedule '" + rule.when().name() + "'" + known(doc.schedules().keySet())));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidPolicyException(doc.source(), errors);
    }

    CategoryIndex index = CategoryIndex.builder(List.copyOf(used.values())).build();
    int words = index.words();
    List<CompiledRule> rules = new ArrayList<>();
    for (RuleSpec rule : doc.rules()) {
      long[] groups = null;
      if (!rule.groups().isEmpty()) {
        groups = new long[(groupIds.size() + 63) >>> 6];
        for (Ref g : rule.groups()) {
          int id = groupIds.get(g.name());
          groups[id >>> 6] |= 1L << id;
        }
      }
      Schedule schedule = rule.when() == null ? null : doc.schedules().get(rule.when().name());
      rules.add(new CompiledRule(rule.id(), groups, schedule, rule.outside(),
          categories(rule.allow(), index, lists, words), categories(rule.block(), index, lists, words),
          rule.otherwise()));
    }
    return new PolicySnapshot(doc, index, rules, groupIds, custom.keySet(), bypass, register);
  }

  private static CategoryList resolve(Ref ref, Map<String, CategoryList> custom, ListSet lists,
      Map<String, CategoryList> used, List<PolicyError> errors) {
    CategoryList list = custom.get(ref.name());
    if (list == null) {
      list = lists.find(ref.name()).orElse(null);
    }
    if (list == null) {
      errors.add(new PolicyError(ref.path(), ref.line(), "unknown category or list '" + ref.name() + "'"
          + (lists.categories().isEmpty() ? " (no category lists are loaded)" : "")));
      return null;
    }
    used.putIfAbsent(list.name(), list);
    return list;
  }

  private static CategoryMask categories(List<Ref> refs, CategoryIndex index, ListSet lists, int words) {
    long[] bits = new long[words];
    List<Integer> withExpressions = new ArrayList<>();
    for (Ref ref : refs) {
      int id = index.id(ref.name());
      if (id < 0) {
        id = index.id(lists.find(ref.name()).map(CategoryList::name).orElseThrow());
      }
      bits[id >>> 6] |= 1L << id;
      if (index.hasExpressions(id) && !withExpressions.contains(id)) {
        withExpressions.add(id);
      }
    }
    return new CategoryMask(bits, withExpressions.stream().mapToInt(Integer::intValue).toArray());
  }

  private static String known(Set<String> names) {
    return names.isEmpty() ? " (none defined)" : " (defined: " + String.join(", ", names) + ")";
  }

  private static List<Ref> concat(List<Ref> a, List<Ref> b) {
    List<Ref> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
