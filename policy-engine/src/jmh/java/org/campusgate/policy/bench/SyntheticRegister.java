package org.campusgate.policy.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.apps.InvalidRegisterException;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;

/**
 * A deterministic learning-app register of {@code n} apps with {@value #FINGERPRINTS}
 * fingerprints each, and requests that map to its apps. App {@code a} has:
 *
 * <ul>
 *   <li>14 domains: {@link SyntheticDomains} names from a range no other benchmark uses;
 *   <li>2 SNI patterns {@code *.name} (subdomains only);
 *   <li>3 URL prefixes: {@code /api/v<k>/} on its first domain (2) and {@code /apps/a<a>/} on one
 *       of {@value #PLATFORMS} shared mini-program platform hosts (so each platform host holds
 *       n / {@value #PLATFORMS} prefixes);
 *   <li>1 IP range: a /26 in 100.64.0.0/10.
 * </ul>
 *
 * <p>Filings: 90% of apps have an ACTIVE provider filing with ICP and 等保 numbers (every 50th
 * of those is REVOKED); 80% of apps have a CONFIRMED user filing of {@code bench-school}, valid
 * all of 2026. So mapped requests end in ALLOWED, APP_PROVIDER_NOT_FILED, APP_FILING_REVOKED and
 * APP_SCHOOL_NOT_FILED.
 */
final class SyntheticRegister {
  static final int FINGERPRINTS = 20;
  static final int DOMAINS = 14;
  static final int SNI = 2;
  static final int PLATFORMS = 200;
  static final String SCHOOL = "bench-school";
  private static final long DOMAIN_BASE = 1L << 34;
  private static final long SNI_BASE = 1L << 35;
  private static final int RANGE_BASE = (100 << 24) | (64 << 16);
  private static final Instant FILED = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] EXTRA = {"www", "m", "api", "static", "img", "cdn"};
  private static final String[] PATHS = {"/", "/index.html", "/course/%d", "/homework/%d/submit",
      "/static/js/app.%x.js", "/api/v3/lessons/%d?student=s%d"};

  private SyntheticRegister() {}

  static String appId(int a) {
    return String.format(Locale.ROOT, "app-%05d", a);
  }

  static String domain(int a, int k) {
    return SyntheticDomains.name(DOMAIN_BASE + (long) a * DOMAINS + k);
  }

  static String sni(int a, int k) {
    return SyntheticDomains.name(SNI_BASE + (long) a * SNI + k);
  }

  static String platform(int a) {
    return String.format(Locale.ROOT, "mp%03d.xuexi-platform.cn", a % PLATFORMS);
  }

  /** The first address of app {@code a}'s /26. */
  static String range(int a) {
    int v = RANGE_BASE + a * 64;
    return String.format(Locale.ROOT, "%d.%d.%d.%d", v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  }

  /** The register, its data last updated the day before {@code asOf}. */
  static AppRegister build(int n, Instant asOf) throws InvalidRegisterException {
    AppRegister.Builder b = AppRegister.builder().revision(1).lastUpdate(asOf.minusSeconds(86_400));
    for (int a = 0; a < n; a++) {
      String id = appId(a);
      List<String> domains = new ArrayList<>(DOMAINS);
      for (int k = 0; k < DOMAINS; k++) {
        domains.add(domain(a, k));
      }
      List<String> sni = List.of("*." + sni(a, 0), "*." + sni(a, 1));
      List<String> urls = List.of(domain(a, 0) + "/api/v1/", domain(a, 0) + "/api/v2/",
          platform(a) + "/apps/a" + a + "/");
      List<String> ips = List.of(range(a) + "/26");
      String filing = a % 10 == 9 ? null : String.format(Locale.ROOT, "EDU-BENCH-%05d", a);
      b.app(new App(id, "学习应用 " + a, AppKind.LEARNING, filing, AppCategory.TEACHING, Set.of(),
          new Fingerprints(domains, sni, urls, ips)));
      if (filing != null) {
        b.providerFiling(ProviderFiling.builder(filing).appName("学习应用 " + a)
            .provider("Provider " + a, String.format(Locale.ROOT, "91110000MA%08d", a))
            .authority("110000").icp("京ICP备" + a + "号").mlps("11010" + a, 2)
            .category(AppCategory.TEACHING)
            .status(a % 50 == 0 ? FilingStatus.REVOKED : FilingStatus.ACTIVE)
            .effectiveFrom(FILED).build());
      }
      if (a % 10 < 8) {
        b.userFiling(UserFiling.builder(String.format(Locale.ROOT, "UF-%05d", a), SCHOOL, id)
            .filingNumber(filing).status(UserFilingStatus.CONFIRMED).confirmed("district", FILED)
            .valid(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).effectiveFrom(FILED)
            .build());
      }
    }
    return b.build();
  }

  /**
   * A request to app {@code a}, as the gateway sees it: 60% a URL on one of its domains
   * (sometimes under an extra label), 15% a CONNECT to a name under an SNI pattern, 15% a URL
   * under a URL prefix (half on a platform host), 10% a URL to an address in its range.
   *
   * @return the raw target; {@code authority[0]} says whether it is a CONNECT authority
   */
  static String request(SplittableRandom r, int a, boolean[] authority) {
    int kind = r.nextInt(100);
    authority[0] = false;
    if (kind < 60) {
      String host = domain(a, r.nextInt(DOMAINS));
      if (r.nextInt(3) == 0) {
        host = EXTRA[r.nextInt(EXTRA.length)] + "." + host;
      }
      return "https://" + host + path(r);
    } else if (kind < 75) {
      authority[0] = true;
      return EXTRA[r.nextInt(EXTRA.length)] + "." + sni(a, r.nextInt(SNI)) + ":443";
    } else if (kind < 90) {
      return r.nextBoolean()
          ? "https://" + platform(a) + "/apps/a" + a + path(r)
          : "https://" + domain(a, 0) + "/api/v" + (1 + r.nextInt(2)) + path(r);
    }
    int v = RANGE_BASE + a * 64 + r.nextInt(64);
    return String.format(Locale.ROOT, "http://%d.%d.%d.%d%s", v >>> 24, (v >>> 16) & 255,
        (v >>> 8) & 255, v & 255, path(r));
  }

  private static String path(SplittableRandom r) {
    return String.format(Locale.ROOT, PATHS[r.nextInt(PATHS.length)], r.nextInt(100_000), r.nextInt(1000));
  }
}
