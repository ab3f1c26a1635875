package org.campusgate.gateway.block;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.campusgate.policy.Action;
import org.campusgate.policy.Decision;
import org.campusgate.policy.ReasonCode;

/** Facts for block page tests: a gambling block on a Tuesday morning in Shanghai. */
final class BlockFixtures {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** 2026-11-24 10:05:07 in Shanghai. */
  static final Instant TUESDAY = LocalDateTime.parse("2026-11-24T10:05:07").atZone(SHANGHAI)
      .toInstant();
  static final String REQUEST_ID = "01JDX3Q7M8K2V5R9T4W6Y1Z0AB";
  static final String CONTACT = "信息中心 王老师 电话 010-12345678 / it@school.example.cn";
  static final String TARGET = "http://casino.com/play?x=1";

  private BlockFixtures() {}

  static Decision decision(ReasonCode reason, String rule, String category, String app) {
    return new Decision(Action.BLOCK, reason, rule, category, app, 7);
  }

  static BlockFacts facts(String target) {
    return new BlockFacts(REQUEST_ID, TUESDAY, target, "s2026001",
        decision(ReasonCode.CATEGORY_BLOCKED, "no-gambling", "gambling", null), CONTACT);
  }

  static BlockFacts facts(Decision d) {
    return new BlockFacts(REQUEST_ID, TUESDAY, TARGET, "s2026001", d, CONTACT);
  }
}
