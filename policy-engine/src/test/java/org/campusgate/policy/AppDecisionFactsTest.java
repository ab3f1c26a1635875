package org.campusgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.campusgate.policy.AppDecisionOrderTest.STUDENT;
import static org.campusgate.policy.AppDecisionOrderTest.TEACHER;
import static org.campusgate.policy.AppDecisionOrderTest.TUESDAY_10AM;
import static org.campusgate.policy.AppDecisionOrderTest.at;
import static org.campusgate.policy.AppDecisionOrderTest.baseProvider;
import static org.campusgate.policy.AppDecisionOrderTest.filed;

import java.time.Instant;
import java.util.List;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UserFilingStatus;
import org.junit.jupiter.api.Test;

/** What app decisions carry beyond their reason, and how they move through time. */
class AppDecisionFactsTest {

  static Decision decide(PolicySnapshot s, UserIdentity user, Instant t, String url) throws Exception {
    return s.decide(RequestContext.builder().time(t).schoolId("s1").user(user).url(url).build());
  }

  @Test
  void anAllowCarriesTheAppAndTheFilingsItRestsOn() throws Exception {
    Decision d = decide(filed().snapshot(), STUDENT, TUESDAY_10AM, "http://ketang.test/");
    assertThat(d.allowed()).isTrue();
    assertThat(d.app()).isEqualTo("ketang");
    assertThat(d.appName()).isEqualTo("示范课堂");
    assertThat(d.providerFiling()).isEqualTo("F1");
    assertThat(d.userFiling()).isEqualTo("UF1");
    assertThat(d.notice()).isNull();
  }

  @Test
  void aBlockForAMissingSchoolFilingNamesTheProviderFiling() throws Exception {
    Decision d = decide(filed().filings(List.of()).snapshot(), STUDENT, TUESDAY_10AM, "http://ketang.test/");
    assertThat(d.reason()).isEqualTo(ReasonCode.APP_SCHOOL_NOT_FILED);
    assertThat(d.ruleId()).isEqualTo(PolicySnapshot.APP_RULE);
    assertThat(d.providerFiling()).isEqualTo("F1");
    assertThat(d.userFiling()).isNull();
  }

  @Test
  void aFilingRevokedOnTheTenthBlocksOnTheEleventhButTheNinthStillAllows() throws Exception {
    ProviderFiling active = baseProvider().build();
    ProviderFiling revoked = active.withStatus(FilingStatus.REVOKED, "违规收集个人信息",
        at("2026-11-10T00:00"), at("2026-11-10T09:00"));
    PolicySnapshot s = filed().providers(List.of(revoked, active)).snapshot();

    assertThat(decide(s, STUDENT, at("2026-11-11T10:00"), "http://ketang.test/").reason())
        .isEqualTo(ReasonCode.APP_FILING_REVOKED);
    Decision ninth = decide(s, STUDENT, at("2026-11-09T10:00"), "http://ketang.test/");
    assertThat(ninth.reason()).isEqualTo(ReasonCode.ALLOWED);
    assertThat(ninth.providerFiling()).isEqualTo("F1");
    assertThat(decide(s, STUDENT, at("2026-02-28T10:00"), "http://ketang.test/").reason())
        .as("before the provider filed").isEqualTo(ReasonCode.APP_PROVIDER_NOT_FILED);
  }

  @Test
  void aWithdrawalHoldsFromItsMomentOnAndNotBefore() throws Exception {
    var confirmed = AppDecisionOrderTest.baseFiling().build();
    var withdrawn = confirmed.withStatus(UserFilingStatus.WITHDRAWN, "school-admin", at("2026-11-20T12:00"));
    PolicySnapshot s = filed().filings(List.of(confirmed, withdrawn)).snapshot();
    assertThat(decide(s, TEACHER, at("2026-11-20T11:59"), "http://ketang.test/").allowed()).isTrue();
    assertThat(decide(s, TEACHER, at("2026-11-20T12:00"), "http://ketang.test/").reason())
        .isEqualTo(ReasonCode.APP_SCHOOL_NOT_FILED);
  }

  @Test
  void chargingForARequiredAppAlertsTheDistrictAndGradeLinksAreAFinding() throws Exception {
    Decision charges = decide(filed().filing(f -> f.usage(UsageMode.UNIFORM_REQUIRED).chargesStudents(true)).snapshot(),
        STUDENT, TUESDAY_10AM, "http://ketang.test/");
    assertThat(charges.notice()).isEqualTo(AppNotice.UNIFORM_CHARGES_ALERT);

    Decision linked = decide(filed().filing(f -> f.linkedToGrades(true)).snapshot(),
        STUDENT, TUESDAY_10AM, "http://ketang.test/");
    assertThat(linked.allowed()).isTrue();
    assertThat(linked.notice()).isEqualTo(AppNotice.GRADES_LINK_FINDING);
  }

  @Test
  void staleDataRaisesAnAlertTheConsoleCanShow() throws Exception {
    PolicySnapshot stale = filed().lastUpdate(at("2026-10-20T00:00")).snapshot();
    assertThat(stale.registerStale(TUESDAY_10AM)).isTrue();
    assertThat(decide(stale, STUDENT, TUESDAY_10AM, "http://ketang.test/").notice())
        .isEqualTo(AppNotice.REGISTER_STALE_ALERT);
    assertThat(filed().snapshot().registerStale(TUESDAY_10AM)).isFalse();
  }

  @Test
  void aNewerRegisterIsPublishedUnderTheSamePolicyVersion() throws Exception {
    PolicySnapshot first = filed().snapshot();
    PolicyHolder holder = new PolicyHolder(first);
    AppRegister.Builder b = AppRegister.builder().app(AppDecisionOrderTest.baseApp()).revision(2);
    AppRegister withdrawn = b.providerFiling(baseProvider().build()).build();
    holder.publish(first.withRegister(withdrawn));

    assertThat(holder.current().version()).isEqualTo(first.version());
    assertThat(decide(holder.current(), STUDENT, TUESDAY_10AM, "http://ketang.test/").reason())
        .isEqualTo(ReasonCode.APP_SCHOOL_NOT_FILED);
    assertThatThrownBy(() -> holder.publish(first))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("register");
  }
}
