package org.campusgate.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campusgate.console.audit.TraceDay;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.cli.InProcessCli;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.register.RegisterInputs.AppInput;
import org.campusgate.console.testing.Browser;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A responder traces an incident in headless Chromium: from an IP address and a moment (held by
 * Alice then, by Bob later) to Alice, her day with her sign-ins and the app she used, selects
 * events, exports the evidence and the verifier key, and the bundle verifies offline with the
 * CLI; a changed byte does not. The export is in the admin log with the case reference.
 */
class IncidentTraceBrowserTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();
  private static final String CASE = "CASE-2026-042";
  @TempDir static Path downloads;
  private static Browser browser;
  private static TraceDay day;

  @BeforeAll
  static void seed() throws Exception {
    CONSOLE.services().db().schools().create("other-school", "Other School");
    day = new TraceDay(CONSOLE.services().localSchool(), "other-school");
    CONSOLE.services().store().append(day.records).awaitDurable(Duration.ofSeconds(30));
    CONSOLE.services().register().addApp(
        new ConsoleUser("district", ConsoleRole.DISTRICT_ADMIN, null, null, false),
        new AppInput(TraceDay.APP, "作业帮手", "OTHER", null, null, null,
            List.of(TraceDay.APP_HOST), null, null, null));
    CONSOLE.account("rita", "responder password 1", ConsoleRole.RESPONDER, null);
    browser = new Browser("zh-CN");
    browser.driver().executeCdpCommand("Browser.setDownloadBehavior", Map.of(
        "behavior", "allow", "downloadPath", downloads.toString()));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aResponderTracesAnAddressToAPersonAndExportsEvidenceThatVerifiesOffline()
      throws Exception {
    browser.open(CONSOLE.baseUri().resolve("/login.html").toString());
    browser.type("#username", "rita");
    browser.type("#password", "responder password 1");
    browser.click("#login-submit");
    browser.waitForUrlEnding("/audit.html");
    browser.click("#audit-tab-trace");
    browser.type("#audit-trace-value", "10.0.0.1");
    browser.type("#audit-trace-at", "2026-10-12T08:10:00Z");
    browser.type("#audit-trace-from", TraceDay.DAY_FROM);
    browser.type("#audit-trace-to", TraceDay.DAY_TO);
    browser.type("#audit-case", CASE);
    browser.type("#audit-reason", "网络诈骗举报 fraud report");
    browser.click("#audit-trace-go");

    // 10.0.0.1 at 08:10 was Alice's (Bob held it from 10:00)
    browser.visible("#audit-trace-holder [data-user='alice']");
    assertThat(browser.visible("#audit-trace-person-title").getAttribute("data-user"))
        .isEqualTo("alice");
    List<WebElement> rows = browser.driver().findElements(
        By.cssSelector("#audit-trace-timeline tbody tr"));
    assertThat(rows).hasSize(38);
    assertThat(browser.driver().findElements(By.cssSelector(
        "#audit-trace-timeline tr.identity[data-kind='LOGIN']"))).hasSize(2);
    assertThat(browser.visible("#audit-trace-timeline tr.identity[data-kind='LOGOUT']").getText())
        .contains("10.0.0.1");
    assertThat(browser.driver().findElements(By.cssSelector("#audit-trace-timeline tr.blocked")))
        .hasSize(10);
    assertThat(browser.visible("#audit-trace-apps tr[data-app='" + TraceDay.APP + "']").getText())
        .contains("作业帮手", "15");
    assertThat(browser.visible("#audit-trace-blocked").getText()).contains("10");
    assertThat(browser.driver().getPageSource()).doesNotContain("bob");
    browser.screenshot("trace-01-alice");

    // select all shown (the sign-ins too: they show who held the address), then leave one out
    browser.click("#audit-trace-select-all");
    browser.click("#audit-trace-timeline tbody tr:not(.identity) input.audit-pick");
    browser.withText("#audit-trace-selected", "37");
    browser.click("#audit-trace-export");
    String name = browser.visible("#audit-trace-exported").getAttribute("data-file");
    assertThat(name).isEqualTo("evidence-" + CASE + ".json");
    browser.click("#audit-trace-key");
    Path bundle = downloaded(name);
    Path key = downloaded("campusgate-verifier.pub");
    browser.screenshot("trace-02-exported");
    assertThat(browser.severeConsoleMessages()).isEmpty();

    InProcessCli.Result ok = InProcessCli.run("verify-evidence", bundle.toString(), "--key",
        key.toString(), "--lang", "en");
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("VERIFIED: all 37 events", "alice", "casino.example", "LOGIN");

    // one byte of one record changed: the proof no longer holds
    String json = Files.readString(bundle);
    Matcher m = Pattern.compile("\"record\" : \"([^\"]+)\"").matcher(json);
    assertThat(m.find()).isTrue();
    byte[] record = Base64.getDecoder().decode(m.group(1));
    String text = new String(record, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("alice");
    record[at + 4] = (byte) 'x';
    Path forged = downloads.resolve("forged.json");
    Files.writeString(forged, json.replace(m.group(1),
        Base64.getEncoder().encodeToString(record)));
    InProcessCli.Result bad = InProcessCli.run("verify-evidence", forged.toString(), "--key",
        key.toString(), "--lang", "en");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("NOT VERIFIED");

    List<AdminAction> log = CONSOLE.services().db().adminLog().page(null, 0, 10_000);
    assertThat(log).anySatisfy(a -> {
      assertThat(a.actor()).isEqualTo("rita");
      assertThat(a.action()).isEqualTo("audit.trace");
      assertThat(a.afterJson()).contains(CASE, "\"traced\":\"alice\"");
    });
    assertThat(log).anySatisfy(a -> {
      assertThat(a.actor()).isEqualTo("rita");
      assertThat(a.action()).isEqualTo("audit.evidence");
      assertThat(a.target()).isEqualTo("audit:evidence:" + CASE);
      assertThat(a.afterJson()).contains("\"events\":37");
    });
  }

  /** Waits (bounded) until Chromium has finished writing a download, and returns it. */
  private static Path downloaded(String name) {
    Path file = downloads.resolve(name);
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d -> Files.isRegularFile(file)
        && !Files.exists(downloads.resolve(name + ".crdownload")));
    return file;
  }
}
