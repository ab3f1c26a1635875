package org.campusgate.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.RectificationItem;
import org.campusgate.console.report.output.OctoberEvents;
import org.campusgate.console.testing.Browser;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inspector's monthly report in headless Chromium: sign in, open Reports, make the October
 * 2026 report, see it with its charts drawn, download the PDF with the session and check with
 * poppler that its first page is not blank and names the schools.
 */
class InspectionReportBrowserTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();
  private static final String PASSWORD = "inspector password 1";
  private static Browser browser;

  @TempDir
  Path dir;

  @BeforeAll
  static void seed() throws Exception {
    OctoberEvents.seed(CONSOLE.services());
    CONSOLE.account("zhang", PASSWORD, ConsoleRole.INSPECTOR, null);
    browser = new Browser("zh-CN");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anInspectorMakesTheMonthsReportSeesItsChartsAndDownloadsThePdf() throws Exception {
    signIn(browser, "zhang", PASSWORD);
    browser.click("#nav-reports");
    browser.waitForUrlEnding("/reports.html");
    browser.withText("h1", "月度巡查报告");
    browser.type("#reports-month", "2026-10");
    browser.click("#reports-make");

    // making the report prints its PDF too: give the job its time
    new WebDriverWait(browser.driver(), Duration.ofSeconds(180)).until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#reports-container article.report")));
    WebElement article = browser.visible("#reports-container article.report");
    assertThat(article.getText()).contains(OctoberEvents.EAST_NAME, OctoberEvents.WEST_NAME);
    List<WebElement> charts = browser.driver().findElements(
        By.cssSelector("#reports-container .report-chart[data-drawn='true'] svg"));
    assertThat(charts).hasSizeGreaterThanOrEqualTo(6);
    for (WebElement svg : charts) {
      assertThat(svg.getSize().getWidth()).isGreaterThan(100);
      assertThat(svg.findElements(By.cssSelector("path"))).isNotEmpty();
    }
    assertThat(browser.severeConsoleMessages()).isEmpty();
    browser.screenshot("report-01-made");
    browser.driver().executeScript("arguments[0].scrollIntoView()", charts.get(0));
    browser.screenshot("report-02-charts");

    String pdfUrl = browser.visible("#reports-pdf").getAttribute("href");
    String cookies = browser.driver().manage().getCookies().stream()
        .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            java.net.URI.create(pdfUrl)).timeout(Duration.ofSeconds(30)).header("Cookie", cookies)
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    Path file = dir.resolve("report.pdf");
    Files.write(file, pdf.body());

    run("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", file.toString(),
        dir.resolve("page").toString());
    Path png;
    try (var pages = Files.list(dir)) {
      png = pages.filter(p -> p.getFileName().toString().endsWith(".png")).findFirst()
          .orElseThrow();
    }
    assertThat(inkedFraction(ImageIO.read(png.toFile()))).isGreaterThan(0.01);
    assertThat(run("pdftotext", "-f", "1", "-l", "1", file.toString(), "-"))
        .contains(OctoberEvents.EAST_NAME, OctoberEvents.WEST_NAME, "2026-10");
  }

  @Test
  void aSchoolAdminMarksAnItemRectifiedAndTheInspectorClosesIt() throws Exception {
    RectificationItem item = CONSOLE.services().rectifications().raise(YearMonth.of(2026, 10),
        List.of(new Finding(FindingKind.MISSING_EVIDENCE, OctoberEvents.EAST, "east-f-1",
            Map.of("app", "作业帮手", "missing", "dataAgreement"))), "zhang").get(0);
    CONSOLE.account("east.admin", "east admin password 1", ConsoleRole.SCHOOL_ADMIN,
        OctoberEvents.EAST);
    String row = "#rect-items tr[data-id='" + item.id() + "']";

    Browser school = new Browser("zh-CN");
    try {
      signIn(school, "east.admin", "east admin password 1");
      school.open(CONSOLE.baseUri().resolve("/rectifications.html?month=2026-10").toString());
      school.withText(row, "east-f-1");
      answerPrompt(school, row, "标记为已整改", "数据安全协议已于 11 月 3 日补签");
      school.withText(row + " .badge", "已整改");
      assertThat(school.severeConsoleMessages()).isEmpty();
      school.screenshot("rectification-01-school");
    } finally {
      school.close();
    }

    Browser inspector = new Browser("zh-CN");
    try {
      signIn(inspector, "zhang", PASSWORD);
      inspector.open(CONSOLE.baseUri().resolve("/rectifications.html?month=2026-10").toString());
      inspector.withText(row + " .badge", "已整改");
      answerPrompt(inspector, row, "关闭", "已核实协议");
      inspector.withText(row + " .badge", "已关闭");
      assertThat(inspector.severeConsoleMessages()).isEmpty();
      inspector.screenshot("rectification-02-closed");
    } finally {
      inspector.close();
    }
    assertThat(CONSOLE.services().db().adminLog().page(null, 0, 10_000))
        .filteredOn(a -> a.target().equals("rectification:" + item.id()))
        .extracting(a -> a.actor() + " " + a.action())
        .contains("east.admin rectification.status", "zhang rectification.status");
  }

  private static void signIn(Browser b, String user, String password) {
    b.open(CONSOLE.baseUri().resolve("/login.html").toString());
    b.type("#username", user);
    b.type("#password", password);
    b.click("#login-submit");
    b.waitForUrlEnding("/index.html");
  }

  /** Clicks the row's button with that label and answers the note prompt it opens. */
  private static void answerPrompt(Browser b, String row, String label, String answer) {
    b.visible(row).findElements(By.cssSelector("td.actions button")).stream()
        .filter(e -> e.getText().equals(label)).findFirst().orElseThrow().click();
    Alert prompt = new WebDriverWait(b.driver(), Duration.ofSeconds(10))
        .until(ExpectedConditions.alertIsPresent());
    prompt.sendKeys(answer);
    prompt.accept();
  }

  /** The share of pixels that are not near-white. */
  private static double inkedFraction(BufferedImage image) {
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r + g + b < 600) {
          inked++;
        }
      }
    }
    return (double) inked / ((long) image.getWidth() * image.getHeight());
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
