package org.campusgate.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.console.db.ConsoleRole;
import org.openqa.selenium.WebElement;
import org.campusgate.console.testing.Browser;
import org.campusgate.console.testing.ProxyClient;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console as an admin and a responder use it, in headless Chromium: sign in with the
 * one-time password and choose a new one, block a category in the policy editor and publish, see
 * the gateway block a request of that category, find the event in the audit search. Each page is
 * saved as a screenshot under target/screenshots/. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInBrowserTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();
  private static final String NEW_PASSWORD = "browser test password";
  private static Browser browser;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser("zh-CN");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static String url(String page) {
    return CONSOLE.baseUri().resolve(page).toString();
  }

  @Test
  @Order(1)
  void signInWithTheOneTimePasswordThenChooseOne() throws Exception {
    browser.open(url("/"));
    browser.waitForUrlEnding("/login.html");
    browser.withText("h1", "登录");
    browser.screenshot("01-login");
    browser.type("#username", "admin");
    browser.type("#password", CONSOLE.initialAdminPassword());
    browser.click("#login-submit");
    browser.waitForUrlEnding("/password.html");
    browser.screenshot("02-change-password");
    browser.type("#current", CONSOLE.initialAdminPassword());
    browser.type("#next", NEW_PASSWORD);
    browser.type("#repeat", NEW_PASSWORD);
    browser.click("#password-submit");
    browser.waitForUrlEnding("/index.html");
    browser.visible("#nav-policy");
    browser.screenshot("03-dashboard");
  }

  @Test
  @Order(2)
  void blockACategoryInThePolicyEditorAndPublish() throws Exception {
    browser.open(url("/policy.html"));
    browser.withText("#policy-status", "1");
    browser.screenshot("04-policy");
    // Teachers get social networks blocked: one rule added at the top of the rules.
    browser.driver().executeScript(
        "const t = document.getElementById('policy-text');"
            + "t.value = t.value.replace('rules:\\n', 'rules:\\n  - id: teachers-no-social\\n"
            + "    groups: [teachers]\\n    block: [social_networks]\\n');");
    browser.type("#policy-comment", "教师禁用社交网络");
    browser.click("#policy-publish");
    browser.visible("#policy-published");
    browser.screenshot("05-policy-published");
    assertThat(browser.driver().findElement(org.openqa.selenium.By.id("policy-status")).getText())
        .contains("2");

    ProxyClient.Answer blocked = ProxyClient.get(CONSOLE.proxy(), "127.0.0.3", "http://weibo.com/");
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.text()).contains("social_networks");
  }

  @Test
  @Order(3)
  void aResponderFindsTheBlockedRequestUnderTheTeacher() throws Exception {
    CONSOLE.account("responder1", "responder password 1", ConsoleRole.RESPONDER, null);
    browser.click("#nav-signout");
    browser.waitForUrlEnding("/login.html");
    browser.type("#username", "responder1");
    browser.type("#password", "responder password 1");
    browser.click("#login-submit");
    browser.waitForUrlEnding("/audit.html");
    browser.type("#audit-user", "teacher1");
    browser.type("#audit-case", "CASE-2026-001");
    browser.type("#audit-reason", "家长投诉 parent complaint");
    browser.click("#audit-search");
    WebElement row = browser.visible("#audit-results tbody tr[data-event-id]");
    assertThat(row.getText()).contains("weibo.com").contains("BLOCK");
    browser.screenshot("06-audit-search");

    String eventId = row.getAttribute("data-event-id");
    AccessEvent recorded = CONSOLE.services().store().search(AuditQuery
            .between(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60))
            .user("teacher1").host("weibo.com").build())
        .events().get(0).event();
    assertThat(eventId).isEqualTo(recorded.eventId().toString());
    assertThat(CONSOLE.services().db().adminLog().page(null, 0, 10_000))
        .anySatisfy(a -> {
          assertThat(a.actor()).isEqualTo("responder1");
          assertThat(a.action()).isEqualTo("audit.search");
          assertThat(a.afterJson()).contains("CASE-2026-001");
        });
  }

  @Test
  @Order(4)
  void everyAdminPageLoadsInBothLanguagesWithoutScriptErrors() throws Exception {
    browser.click("#nav-signout");
    browser.waitForUrlEnding("/login.html");
    browser.type("#username", "admin");
    browser.type("#password", NEW_PASSWORD);
    browser.click("#login-submit");
    browser.waitForUrlEnding("/index.html");
    browser.severeConsoleMessages(); // the signed-out page's 401 is expected; start afresh
    browser.visible("#chart-traffic canvas");
    browser.withText("#tile-blocked", "1");
    browser.screenshot("07-dashboard-after-block");
    String[][] pages = {
        {"/lists.html", "#lists-table tbody tr", "08-lists"},
        {"/people.html", "#people-users tbody tr", "09-people"},
        {"/admin-log.html", "#admin-log tbody tr", "10-admin-log"},
        {"/tokens.html", "#token-list", "11-tokens"},
        {"/register.html", "#register-status:not(:empty)", "14-register"},
    };
    for (String[] page : pages) {
      browser.open(url(page[0]));
      browser.visible(page[1]);
      browser.screenshot(page[2]);
    }
    browser.driver().executeScript("localStorage.setItem('cg_lang', 'en')");
    browser.open(url("/index.html"));
    browser.withText("#nav-policy", "Policy");
    browser.visible("#chart-traffic canvas");
    browser.screenshot("12-dashboard-en");
    browser.open(url("/policy.html"));
    browser.withText("h1", "Policy");
    browser.screenshot("13-policy-en");
    browser.open(url("/register.html"));
    browser.withText("h1", "Learning-app register");
    browser.visible("#register-status:not(:empty)");
    browser.screenshot("15-register-en");
    assertThat(browser.severeConsoleMessages()).isEmpty();
  }

  @Test
  @Order(5)
  void theScreenshotsAreSaved() {
    assertThat(java.nio.file.Path.of("target/screenshots/05-policy-published.png")).exists();
    assertThat(java.nio.file.Path.of("target/screenshots/03-dashboard.png"))
        .satisfies(p -> assertThat(Files.size(p)).isGreaterThan(5_000));
  }
}
