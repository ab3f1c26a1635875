package org.campusgate.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecideCommandTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final String POLICY = HOME.resolve("config/demo/policy.yaml").toString();
  private static final String LISTS = HOME.resolve("data/ut1-sample").toString();
  /** A Tuesday morning in term time, in the demo school's zone. */
  private static final String TUESDAY = "2026-11-24T10:00";

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(InputStream in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CampusGate.standard().run(args, in,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Result run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  @Test
  void printsOneTabSeparatedLinePerInput() {
    Result r = run("decide", "--policy", POLICY, "--lists", LISTS, "--groups", "students", "--at", TUESDAY,
        "http://WWW.Bet365.com:80/a/../", "weibo.com:443", "http://www.smartedu.cn/", "http://example.net/");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(
        "BLOCK\tCATEGORY_BLOCKED\tgambling\tguests-and-students\thttp://www.bet365.com/\n"
            + "BLOCK\tCATEGORY_BLOCKED\tsocial_networks\tstudents-in-class\tweibo.com:443\n"
            + "ALLOW\tALLOWED_BY_EXCEPTION\tschool-allow\tschool-lists\thttp://www.smartedu.cn/\n"
            + "ALLOW\tALLOWED\t-\t-\thttp://example.net/\n");
  }

  @Test
  void unidentifiedClientsAreGuestsInTheDemoPolicy() {
    Result r = run("decide", "--policy", POLICY, "--lists", LISTS, "--at", TUESDAY, "http://bet365.com/", "weibo.com:443");
    assertThat(r.out()).isEqualTo(
        "BLOCK\tCATEGORY_BLOCKED\tgambling\tguests-and-students\thttp://bet365.com/\n"
            + "ALLOW\tALLOWED\tsocial_networks\t-\tweibo.com:443\n");
  }

  @Test
  void blockBuildsAnAdHocPolicyForEveryone() {
    Result r = run("decide", "--block", "gambling,vpn", "--lists", LISTS, "--user", "t1", "--groups", "teachers",
        "http://bet365.com/", "nordvpn.com:443", "http://example.net/");
    assertThat(r.out()).isEqualTo(
        "BLOCK\tCATEGORY_BLOCKED\tgambling\tblock\thttp://bet365.com/\n"
            + "BLOCK\tBYPASS_BLOCKED\tvpn\tblock\tnordvpn.com:443\n"
            + "ALLOW\tALLOWED\t-\t-\thttp://example.net/\n");
  }

  @Test
  void anUnparsableInputGetsAnInvalidLineNotACrash() {
    Result r = run("decide", "--block", "gambling", "--lists", LISTS, "http://[zz::1]/", "http://bad\u0001host:99999/", "bet365.com:443");
    assertThat(r.code()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("INVALID\t").endsWith("\t-\t-\thttp://[zz::1]/");
    assertThat(lines[1]).startsWith("INVALID\t").doesNotContain("\u0001").contains("port");
    assertThat(lines[2]).isEqualTo("BLOCK\tCATEGORY_BLOCKED\tgambling\tblock\tbet365.com:443");
  }

  @Test
  void anInvalidPolicyExitsWithTwoAndEveryErrorOnStandardError() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "school: s\nrules:\n  - block: [gamblin]\n    groups: [nobody]\n");
    Result r = run("decide", "--policy", bad.toString(), "--lists", LISTS, "http://x.org/");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("line 3: rules[0].block[0]: unknown category or list 'gamblin'")
        .contains("line 4: rules[0].groups[0]: unknown group 'nobody'");
  }

  @Test
  void invalidListsExitWithTwoAndFileAndLine() throws Exception {
    Files.createDirectories(dir.resolve("lists/own"));
    Files.writeString(dir.resolve("lists/own/domains"), "ok.example\nbad entry\n");
    Result r = run("decide", "--block", "own", "--lists", dir.resolve("lists").toString(), "http://x.org/");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("own/domains:2: not a domain: 'bad entry'");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("decide", "http://x.org/").code()).isEqualTo(2);
    assertThat(run("decide", "--block", "x", "--policy", POLICY, "http://x.org/").code()).isEqualTo(2);
    Result badTime = run("decide", "--block", "gambling", "--lists", LISTS, "--at", "tomorrow", "http://x.org/");
    assertThat(badTime.code()).isEqualTo(2);
    assertThat(badTime.err()).contains("--at");
  }

  @Test
  void streamsStandardInputLineByLine() {
    int lines = 1_000_000;
    InputStream in = new GeneratedLines(lines);
    CountingStream out = new CountingStream();
    int code = CampusGate.standard().run(
        new String[] {"decide", "--block", "gambling", "--lists", LISTS, "-"}, in,
        new PrintStream(out, false, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()));
    assertThat(code).isZero();
    assertThat(out.newlines).isEqualTo(lines);
    assertThat(out.blocked).isEqualTo(lines / 2);
  }

  /** Alternating gambling and plain URLs, produced on demand rather than held in memory. */
  private static final class GeneratedLines extends InputStream {
    private final int total;
    private int produced;
    private byte[] current = new byte[0];
    private int pos;

    GeneratedLines(int total) {
      this.total = total;
    }

    @Override
    public int read() {
      if (pos == current.length) {
        if (produced == total) {
          return -1;
        }
        String line = (produced % 2 == 0 ? "http://bet365.com/p" : "http://example.org/p") + produced + "\n";
        current = line.getBytes(StandardCharsets.US_ASCII);
        pos = 0;
        produced++;
      }
      return current[pos++];
    }
  }

  /** Counts lines and BLOCK lines without keeping the output. */
  private static final class CountingStream extends OutputStream {
    int newlines;
    int blocked;
    private boolean lineStart = true;
    private int matched;

    @Override
    public void write(int b) {
      if (lineStart) {
        matched = 0;
      }
      if (matched >= 0 && matched < 5) {
        matched = "BLOCK".charAt(matched) == b ? matched + 1 : -1;
        if (matched == 5) {
          blocked++;
        }
      }
      lineStart = b == '\n';
      if (lineStart) {
        newlines++;
      }
    }
  }

  private static final String REGISTER_CSV = HOME.resolve("docs/examples/register").toString();
  private static final String REGISTER_XLSX = HOME.resolve("docs/examples/register.xlsx").toString();

  @Test
  void withARegisterTheDemoAppsShowTheirThreeOutcomesAndTheFilingsUsed() {
    for (String register : new String[] {REGISTER_CSV, REGISTER_XLSX}) {
      Result r = run("decide", "--policy", POLICY, "--lists", LISTS, "--register", register, "--groups", "students",
          "--at", TUESDAY, "http://ketang.demo-apps.test/lesson/1", "static.ketang.demo-apps.test:443",
          "http://zuoye.demo-apps.test/", "tiku.demo-apps.test:443", "http://example.net/", "http://[zz::1]/");
      assertThat(r.err()).isEmpty();
      assertThat(r.code()).isZero();
      String[] lines = r.out().split("\n");
      assertThat(lines).hasSize(6);
      assertThat(lines[0]).isEqualTo("ALLOW\tALLOWED\t-\t-\thttp://ketang.demo-apps.test/lesson/1\tketang\t教APP备3100001号/uf-demo-ketang");
      assertThat(lines[1]).isEqualTo("ALLOW\tALLOWED\t-\t-\tstatic.ketang.demo-apps.test:443\tketang\t教APP备3100001号/uf-demo-ketang");
      assertThat(lines[2]).isEqualTo("BLOCK\tAPP_SCHOOL_NOT_FILED\t-\tapp-register\thttp://zuoye.demo-apps.test/\tzuoye\t教APP备3100002号/-");
      assertThat(lines[3]).isEqualTo("BLOCK\tAPP_FILING_REVOKED\t-\tapp-register\ttiku.demo-apps.test:443\ttiku\t教APP备3100003号/uf-demo-tiku");
      assertThat(lines[4]).isEqualTo("ALLOW\tALLOWED\t-\t-\thttp://example.net/\t-\t-");
      assertThat(lines[5]).startsWith("INVALID\t").endsWith("\thttp://[zz::1]/\t-\t-");
    }
  }

  @Test
  void theDayBeforeTheRevocationTheAppIsStillAllowed() {
    Result r = run("decide", "--policy", POLICY, "--lists", LISTS, "--register", REGISTER_CSV, "--groups", "students",
        "--at", "2026-11-09T10:00", "http://tiku.demo-apps.test/");
    assertThat(r.out()).isEqualTo("ALLOW\tALLOWED\t-\t-\thttp://tiku.demo-apps.test/\ttiku\t教APP备3100003号/uf-demo-tiku\n");
  }

  @Test
  void schoolChoosesWhoseUserFilingsCount() {
    Result r = run("decide", "--policy", POLICY, "--lists", LISTS, "--register", REGISTER_CSV, "--school", "other-school",
        "--groups", "students", "--at", TUESDAY, "http://ketang.demo-apps.test/");
    assertThat(r.out()).isEqualTo("BLOCK\tAPP_SCHOOL_NOT_FILED\t-\tapp-register\thttp://ketang.demo-apps.test/\tketang\t教APP备3100001号/-\n");
  }

  @Test
  void registerErrorsPrintRowByRowAndExitInvalid() throws Exception {
    Path register = dir.resolve("register");
    Files.createDirectories(register);
    Files.writeString(register.resolve("apps.csv"), "id,kind,filing_number,domains\n"
        + "a1,LEARNING,教APP备404,a1.example\n"
        + "a1,LEARNING,,a1.example\n");
    Files.writeString(register.resolve("provider-filings.csv"), "filing_number,status,effective_from\n教APP备1,ACTIVE,yesterday\n");
    Result r = run("decide", "--policy", POLICY, "--lists", LISTS, "--register", register.toString(), "http://a1.example/");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("campusgate: the register " + register + " was rejected:\n"
        + "  apps.csv row 2, filing_number: unknown filing number '教APP备404' (not in the provider_filings table, nor in the register)\n"
        + "  apps.csv row 3: duplicate row: the same id as row 2 (a1)\n"
        + "  provider-filings.csv row 2, effective_from: 'yesterday' is not a date or time (write 2026-03-01, 2026-03-01 08:00 or 2026-03-01T08:00:00+08:00)\n");
  }

  @Test
  void aMissingRegisterOrSchoolWithoutRegisterIsInvalidUsage() {
    Result missing = run("decide", "--policy", POLICY, "--lists", LISTS, "--register", dir.resolve("nope.xlsx").toString(), "http://a/");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("campusgate: --register: no such file or directory: ");
    Result school = run("decide", "--policy", POLICY, "--lists", LISTS, "--school", "s1", "http://a/");
    assertThat(school.code()).isEqualTo(2);
    assertThat(school.err()).isEqualTo("campusgate: --school needs --register\n");
  }
}
