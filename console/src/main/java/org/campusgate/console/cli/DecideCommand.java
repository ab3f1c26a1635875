package org.campusgate.console.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.campusgate.console.register.files.ImportReport;
import org.campusgate.console.register.files.RegisterFiles;
import org.campusgate.console.register.files.RowError;
import org.campusgate.policy.Decision;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicyCompiler;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.UserIdentity;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.document.PolicyDocument;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.url.CanonicalUrl;
import org.campusgate.policy.url.InvalidUrlException;
import org.campusgate.policy.url.UrlCanonicaliser;

/**
 * {@code campusgate decide}: decides URLs or {@code host:port} authorities offline, one output
 * line each: {@code ACTION REASON CATEGORY RULE CANONICAL-INPUT}, tab-separated, {@code -} for
 * none. With {@code -} as the only input it streams standard input line by line, so any number
 * of lines pass in constant memory.
 *
 * <p>With {@code --register FILE} (a workbook or a directory of CSV files, see {@link
 * RegisterFiles}) learning apps are decided too, with the user filings of {@code --school} (the
 * policy's school by default), and each line gains {@code APP FILINGS}: the app id and {@code
 * provider-filing-number/user-filing-id}. The register counts as imported at the decision time,
 * so it is never stale: this checks a file before it is imported.
 */
final class DecideCommand implements Command {

  @Override
  public String name() {
    return "decide";
  }

  @Override
  public String help() {
    return "decide URLs or host:port inputs against a policy, offline";
  }

  @Override
  public void configure(Subparser parser) {
    MutuallyExclusiveGroup source = parser.addMutuallyExclusiveGroup("policy").required(true);
    source.addArgument("--policy").metavar("FILE").help("the school's policy document (YAML)");
    source.addArgument("--block").metavar("CAT1,CAT2").help("instead of a policy: block these categories for everyone");
    parser.addArgument("--lists").metavar("DIR|TGZ").help("UT1 block lists: a directory or the .tar.gz");
    parser.addArgument("--user").metavar("U").help("decide as this user (default: an unidentified client)");
    parser.addArgument("--groups").metavar("a,b").help("the user's groups");
    parser.addArgument("--register").metavar("FILE").help("a learning-app register: .xlsx, a CSV file or a directory of CSV files");
    parser.addArgument("--school").metavar("S").help("with --register: the school whose user filings count (default: the policy's)");
    parser.addArgument("--at").metavar("ISO-TIME").help("decide as of this time (default: now); without an offset, in the policy's time zone");
    parser.addArgument("inputs").nargs("+").metavar("INPUT").help("URLs or host:port; '-' reads them from standard input");
  }

  @Override
  public int run(Namespace args, InputStream in, PrintStream out, PrintStream err) throws Exception {
    PolicySnapshot snapshot;
    Instant at;
    boolean withApps = args.getString("register") != null;
    try {
      String lists = args.getString("lists");
      ListSet listSet = PolicyLoading.lists(lists == null ? null : Path.of(lists), err);
      PolicyDocument doc;
      if (args.getString("policy") != null) {
        try {
          doc = PolicyDocumentParser.parse(Path.of(args.getString("policy")));
        } catch (InvalidPolicyException e) {
          PolicyLoading.printPolicyErrors(e, err);
          return CampusGate.EXIT_INVALID;
        }
      } else {
        doc = PolicyDocument.blocking(split(args.getString("block")));
      }
      try {
        at = args.getString("at") == null ? Instant.now() : parseTime(args.getString("at"), doc.zone());
      } catch (DateTimeException e) {
        err.println("campusgate: --at: not an ISO time: " + args.getString("at")
            + " (e.g. 2026-11-23T08:30 or 2026-11-23T08:30:00+08:00)");
        return CampusGate.EXIT_INVALID;
      }
      if (args.getString("school") != null && !withApps) {
        err.println("campusgate: --school needs --register");
        return CampusGate.EXIT_INVALID;
      }
      AppRegister register = AppRegister.empty();
      if (withApps) {
        register = readRegister(Path.of(args.getString("register")), at, err);
        if (register == null) {
          return CampusGate.EXIT_INVALID;
        }
        doc = forSchool(doc, args.getString("school"));
      }
      try {
        snapshot = PolicyCompiler.compile(doc, listSet, register);
      } catch (InvalidPolicyException e) {
        PolicyLoading.printPolicyErrors(e, err);
        return CampusGate.EXIT_INVALID;
      }
    } catch (PolicyLoading.Rejected e) {
      return CampusGate.EXIT_INVALID;
    }
    UserIdentity user = null;
    if (args.getString("user") != null || args.getString("groups") != null) {
      String id = args.getString("user") == null ? "cli-user" : args.getString("user");
      user = new UserIdentity(id, id, Set.copyOf(split(args.getString("groups"))));
    }

    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    List<String> inputs = args.getList("inputs");
    if (inputs.size() == 1 && inputs.get(0).equals("-")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank()) {
          writer.write(decideOne(snapshot, user, at, line.strip(), withApps));
        }
      }
    } else {
      for (String input : inputs) {
        writer.write(decideOne(snapshot, user, at, input, withApps));
      }
    }
    writer.flush();
    return 0;
  }

  /**
   * Reads the register as if imported at {@code importedAt}; prints every row error, as policy
   * errors are printed, and returns null when it does not read.
   */
  static AppRegister readRegister(Path path, Instant importedAt, PrintStream err) throws IOException {
    if (!Files.exists(path)) {
      err.println("campusgate: --register: no such file or directory: " + path);
      return null;
    }
    ImportReport report = RegisterFiles.read(path, AppRegister.empty(), importedAt);
    if (report.ok()) {
      return report.register().orElseThrow();
    }
    err.println("campusgate: the register " + path + " was rejected:");
    for (RowError error : report.errors()) {
      err.println("  " + error);
    }
    if (report.errorCount() > report.errors().size()) {
      err.println("  ... and " + (report.errorCount() - report.errors().size()) + " more");
    }
    return null;
  }

  /** The policy deciding as {@code school}: its user filings are the ones that count. */
  private static PolicyDocument forSchool(PolicyDocument d, String school) {
    if (school == null || school.isBlank() || school.equals(d.schoolId())) {
      return d;
    }
    return new PolicyDocument(d.source(), school.strip(), d.schoolName(), d.version(), d.zone(),
        d.defaultAllow(), d.unauthenticatedGroup(), d.bypassCategories(), d.groups(), d.schedules(),
        d.lists(), d.rules(), d.appRules());
  }

  static String decideOne(PolicySnapshot snapshot, UserIdentity user, Instant at, String input) {
    return decideOne(snapshot, user, at, input, false);
  }

  static String decideOne(PolicySnapshot snapshot, UserIdentity user, Instant at, String input, boolean withApps) {
    CanonicalUrl target;
    try {
      target = UrlCanonicaliser.canonicaliseInput(input);
    } catch (InvalidUrlException e) {
      return "INVALID\t" + oneLine(e.getMessage()) + "\t-\t-\t" + oneLine(input) + (withApps ? "\t-\t-" : "") + "\n";
    }
    RequestContext request = RequestContext.builder().time(at).schoolId(snapshot.schoolId()).user(user).target(target).build();
    Decision d = snapshot.decide(request);
    String line = d.action() + "\t" + d.reason() + "\t" + dash(d.category()) + "\t" + dash(d.ruleId()) + "\t" + target;
    if (withApps) {
      boolean none = d.providerFiling() == null && d.userFiling() == null;
      line += "\t" + dash(d.app()) + "\t" + (none ? "-" : dash(d.providerFiling()) + "/" + dash(d.userFiling()));
    }
    return line + "\n";
  }

  static Instant parseTime(String text, ZoneId zone) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException notInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException notOffset) {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      }
    }
  }

  private static List<String> split(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  /** Echoed input must not break the one-line, tab-separated format. */
  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString();
  }
}
