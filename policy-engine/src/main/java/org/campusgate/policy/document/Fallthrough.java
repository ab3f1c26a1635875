package org.campusgate.policy.document;

/** What a rule does with a request none of its lists decided: allow, block, or leave it to the next rule. */
public enum Fallthrough {
  ALLOW,
  BLOCK,
  CONTINUE
}
