package org.campusgate.policy.document;

import java.util.List;

/**
 * One rule of a policy, as written. Rules are tried in order; the first one that decides wins.
 *
 * @param id the rule's id, recorded with every decision it takes
 * @param path where it sits in the document, e.g. {@code rules[1]}
 * @param line its line in the source
 * @param groups the groups it applies to; empty means everyone
 * @param when the schedule during which it applies, or null for always
 * @param outside what happens to its groups outside that schedule
 * @param allow categories or lists allowed as exceptions (checked first)
 * @param block categories or lists blocked
 * @param otherwise what happens when neither list decided
 */
public record RuleSpec(
    String id,
    String path,
    int line,
    List<Ref> groups,
    Ref when,
    Fallthrough outside,
    List<Ref> allow,
    List<Ref> block,
    Fallthrough otherwise) {

  public RuleSpec {
    groups = List.copyOf(groups);
    allow = List.copyOf(allow);
    block = List.copyOf(block);
  }
}
