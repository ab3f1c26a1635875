package org.campusgate.policy.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.campusgate.policy.url.UrlCanonicaliser;
import org.junit.jupiter.api.Test;

class AppRegisterTest {
  static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");

  static App app(String id, Fingerprints f) {
    return new App(id, id, AppKind.LEARNING, null, null, Set.of(), f);
  }

  static String mapped(AppRegister r, String url) throws Exception {
    App a = r.match(url.contains("://") ? UrlCanonicaliser.canonicalise(url) : UrlCanonicaliser.canonicaliseAuthority(url));
    return a == null ? null : a.id();
  }

  @Test
  void theMostSpecificFingerprintWins() throws Exception {
    AppRegister r = AppRegister.builder()
        .app(app("portal", Fingerprints.ofDomains("example.test")))
        .app(app("maths", new Fingerprints(List.of("maths.example.test"), null, null, null)))
        .app(app("quiz", new Fingerprints(null, null, List.of("example.test/quiz/"), null)))
        .build();
    assertThat(mapped(r, "http://www.example.test/")).isEqualTo("portal");
    assertThat(mapped(r, "http://a.maths.example.test/x")).isEqualTo("maths");
    assertThat(mapped(r, "http://example.test/quiz/7")).isEqualTo("quiz");
    assertThat(mapped(r, "http://www.example.test/quiz/7")).as("service label as in lists").isEqualTo("quiz");
    assertThat(mapped(r, "http://example.test/quizzes")).isEqualTo("portal");
    assertThat(mapped(r, "example.test:443")).as("a tunnel knows only the host").isEqualTo("portal");
    assertThat(mapped(r, "http://other.test/")).isNull();
    assertThat(mapped(r, "http://notexample.test/")).isNull();
  }

  @Test
  void aWildcardSniPatternCoversSubdomainsOnly() throws Exception {
    AppRegister r = AppRegister.builder()
        .app(app("cdn", new Fingerprints(null, List.of("*.cdn.test"), null, null)))
        .app(app("site", Fingerprints.ofDomains("test-site.test")))
        .build();
    assertThat(mapped(r, "edge1.cdn.test:443")).isEqualTo("cdn");
    assertThat(mapped(r, "cdn.test:443")).isNull();
  }

  @Test
  void ipRangesMapRequestsToAddressesLongestPrefixFirst() throws Exception {
    AppRegister r = AppRegister.builder()
        .app(app("wide", new Fingerprints(null, null, null, List.of("203.0.113.0/24", "2001:db8::/32"))))
        .app(app("narrow", new Fingerprints(null, null, null, List.of("203.0.113.128/25"))))
        .build();
    assertThat(mapped(r, "http://203.0.113.5/")).isEqualTo("wide");
    assertThat(mapped(r, "http://203.0.113.200/")).isEqualTo("narrow");
    assertThat(mapped(r, "http://[2001:db8::1]/")).isEqualTo("wide");
    assertThat(mapped(r, "http://198.51.100.1/")).isNull();
  }

  @Test
  void everyBadOrContestedFingerprintIsReportedWithItsApp() {
    assertThatThrownBy(() -> AppRegister.builder()
        .app(app("a", Fingerprints.ofDomains("shared.test", "bad domain")))
        .app(app("b", new Fingerprints(List.of("shared.test"), null, null, List.of("300.1.1.1/8"))))
        .app(app("b", Fingerprints.ofDomains("b.test")))
        .app(app("bad id!", Fingerprints.ofDomains("c.test")))
        .build())
        .isInstanceOfSatisfying(InvalidRegisterException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).startsWith("app a: domains[1]:"),
            p -> assertThat(p).isEqualTo("app b: domains[0]: 'shared.test' is already a fingerprint of app a"),
            p -> assertThat(p).startsWith("app b: ips[0]: not an IP address"),
            p -> assertThat(p).isEqualTo("app b: listed twice"),
            p -> assertThat(p).startsWith("app 'bad id!'")));
  }

  @Test
  void userFilingsMustNameKnownAppsAndReadableWindows() {
    assertThatThrownBy(() -> AppRegister.builder()
        .app(app("a", Fingerprints.ofDomains("a.test")))
        .userFiling(UserFiling.builder("u1", "s1", "nope").status(UserFilingStatus.DRAFT).effectiveFrom(T0).build())
        .userFiling(UserFiling.builder("u2", "s1", "a").windows("someday 25:00-26:00")
            .status(UserFilingStatus.DRAFT).effectiveFrom(T0).build())
        .build())
        .isInstanceOfSatisfying(InvalidRegisterException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).isEqualTo("user filing u1: unknown app 'nope'"),
            p -> assertThat(p).isEqualTo("user filing u2: windows: unknown day 'someday'")));
  }

  @Test
  void historyAnswersAsOfAnyInstantAndKeepsEveryVersion() throws Exception {
    ProviderFiling v1 = ProviderFiling.builder("F1").status(FilingStatus.ACTIVE).effectiveFrom(T0).build();
    ProviderFiling v2 = v1.withStatus(FilingStatus.OFFLINE_PENDING, "整改", T0.plusSeconds(86_400), T0.plusSeconds(90_000));
    ProviderFiling v3 = v2.withStatus(FilingStatus.ACTIVE, "整改完成", T0.plusSeconds(10 * 86_400), T0.plusSeconds(10 * 86_400));
    AppRegister r = AppRegister.builder().providerFiling(v3).providerFiling(v1).providerFiling(v2).build();
    assertThat(r.providerFilingAt("F1", T0.minusSeconds(1))).isNull();
    assertThat(r.providerFilingAt("F1", T0).status()).isEqualTo(FilingStatus.ACTIVE);
    assertThat(r.providerFilingAt("F1", T0.plusSeconds(2 * 86_400)).status()).isEqualTo(FilingStatus.OFFLINE_PENDING);
    assertThat(r.providerFilingAt("F1", T0.plusSeconds(11 * 86_400)).statusReason()).isEqualTo("整改完成");
    assertThat(r.providerFilingHistory("F1")).containsExactly(v1, v2, v3);
    assertThat(r.lastUpdate()).isEqualTo(T0.plusSeconds(10 * 86_400));
  }
}
