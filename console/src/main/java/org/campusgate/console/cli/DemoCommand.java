package org.campusgate.console.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.UserIdentity;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.ListSet;

/**
 * {@code campusgate demo}: loads the demo school's policy and the shipped UT1 sample and shows
 * what it decides for a guest, a student and a teacher at a school-day moment, then runs the
 * console (http://127.0.0.1:8080) and the gateway (127.0.0.1:3128) with
 * {@code config/demo/console.yaml} ({@code --offline}: decisions only).
 */
final class DemoCommand implements Command {
  static final String DEMO_POLICY = "config/demo/policy.yaml";
  static final String DEMO_LISTS = "data/ut1-sample";
  static final String DEMO_CONSOLE = "config/demo/console.yaml";
  /** The learning-app register the demo imports at first start (README, "Learning apps in the demo"). */
  static final String DEMO_REGISTER = "docs/examples/register.xlsx";
  private static final List<String> SAMPLES = List.of(
      "http://www.bet365.com/", "https://nordvpn.com/", "weibo.com:443", "http://www.smartedu.cn/", "http://example.org/forbidden/page",
      "http://ketang.demo-apps.test:8082/", "http://zuoye.demo-apps.test:8082/", "http://tiku.demo-apps.test:8082/");
  /** Where the demo origin answers for the demo apps' domains (config/demo/hosts maps them to loopback). */
  static final int DEMO_ORIGIN_PORT = 8082;

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String help() {
    return "run the demo school: console on 127.0.0.1:8080, gateway on 127.0.0.1:3128";
  }

  @Override
  public void configure(Subparser parser) {
    parser.addArgument("--home").metavar("DIR").setDefault(System.getProperty("campusgate.home", "."))
        .help("the CampusGate installation folder (default: where bin/campusgate lives)");
    parser.addArgument("--lang").choices("zh", "en").setDefault("zh").help("language of the output");
    parser.addArgument("--at").metavar("ISO-TIME").help("the moment to decide for (default: next Tuesday 10:00)");
    parser.addArgument("--offline").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("only show sample decisions; do not start the gateway");
  }

  @Override
  public int run(Namespace args, InputStream in, PrintStream out, PrintStream err) throws Exception {
    Messages messages = Messages.forLanguage(args.getString("lang"));
    Path home = Path.of(args.getString("home"));
    Path policy = home.resolve(DEMO_POLICY);
    Path listsPath = home.resolve(DEMO_LISTS);
    PolicySnapshot snapshot;
    ListSet lists;
    Instant now = Instant.now();
    try {
      lists = PolicyLoading.lists(listsPath, err);
      snapshot = PolicyLoading.compile(PolicyDocumentParser.parse(policy), lists, err);
      AppRegister register = DecideCommand.readRegister(home.resolve(DEMO_REGISTER), now, err);
      if (register == null) {
        return CampusGate.EXIT_INVALID;
      }
      snapshot = snapshot.withRegister(register);
    } catch (InvalidPolicyException e) {
      PolicyLoading.printPolicyErrors(e, err);
      return CampusGate.EXIT_INVALID;
    } catch (PolicyLoading.Rejected e) {
      return CampusGate.EXIT_INVALID;
    }
    Instant at = args.getString("at") == null ? aSchoolMorning(snapshot) : DecideCommand.parseTime(args.getString("at"), snapshot.zone());

    out.println(messages.get("demo.title", snapshot.schoolName(), snapshot.version()));
    out.println(messages.get("demo.lists", lists.categories().size(), snapshot.domainEntries(), DEMO_LISTS));
    out.println();
    out.println(messages.get("demo.examples", at.atZone(snapshot.zone()).toLocalDateTime()));
    List<UserIdentity> people = List.of(UserIdentity.of("student1", "students"), UserIdentity.of("teacher1", "teachers"));
    printFor(out, messages.get("demo.who.guest"), snapshot, null, at);
    printFor(out, messages.get("demo.who.students") + " student1", snapshot, people.get(0), at);
    printFor(out, messages.get("demo.who.teachers") + " teacher1", snapshot, people.get(1), at);
    out.println();
    out.println(messages.get("demo.next", "bin/campusgate decide --policy " + DEMO_POLICY + " --lists " + DEMO_LISTS
        + " --groups students http://www.bet365.com/ weibo.com:443"));
    if (args.getBoolean("offline")) {
      return 0;
    }
    out.println(messages.get("demo.proxy", "curl -x http://127.0.0.1:3128 http://www.bet365.com/"));
    out.println(messages.get("demo.apps", "curl --interface 127.0.0.2 -x http://127.0.0.1:3128 http://ketang.demo-apps.test:8082/"));
    DemoOrigin origin;
    try {
      origin = DemoOrigin.start(DEMO_ORIGIN_PORT);
    } catch (java.io.IOException e) {
      err.println(messages.get("demo.origin.failed", DEMO_ORIGIN_PORT, e.getMessage()));
      origin = null;
    }
    int code = ConsoleLauncher.run(home, home.resolve(DEMO_CONSOLE), out, err, messages);
    if (origin != null && code >= 0) {
      origin.close(); // the console did not keep running
    }
    return code;
  }

  private static void printFor(PrintStream out, String who, PolicySnapshot snapshot, UserIdentity user, Instant at) {
    out.println("  " + who + ":");
    for (String input : SAMPLES) {
      out.print("    " + DecideCommand.decideOne(snapshot, user, at, input, true));
    }
  }

  /** A fixed, reproducible teaching moment: the coming Tuesday at 10:00 in the school's zone. */
  private static Instant aSchoolMorning(PolicySnapshot snapshot) {
    ZonedDateTime now = ZonedDateTime.now(snapshot.zone());
    ZonedDateTime tuesday = now.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.TUESDAY));
    return tuesday.withHour(10).withMinute(0).withSecond(0).withNano(0).toInstant();
  }
}
