package org.campusgate.console.cli;

import io.dropwizard.jackson.Jackson;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.console.ConsoleApplication;
import org.campusgate.console.ConsoleConfiguration;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.SchoolDashboard;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.register.RegisterDao;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.report.MonthlyReport;
import org.campusgate.console.report.MonthlyReports;
import org.campusgate.console.report.output.PdfPrinter;
import org.campusgate.console.report.output.ReportWriter;
import org.campusgate.console.report.rectify.RectificationDao;
import org.campusgate.console.report.rectify.RectificationService;

/**
 * {@code campusgate report --month 2026-10 [--school S] [--lang zh|en] --out DIR}: makes a
 * month's inspection report offline, from the database and audit store the configuration names,
 * into DIR (report.html, report.pdf, csv/). A running console holds both; then the report is made
 * on its Reports page instead, and this command says so.
 */
final class ReportCommand implements Command {
  /** How long the browser may take to print the PDF. */
  static final Duration PDF_TIMEOUT = Duration.ofMinutes(2);

  private final Clock clock;

  ReportCommand() {
    this(Clock.systemUTC());
  }

  ReportCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String help() {
    return "make a month's inspection report (HTML, PDF, CSV) offline";
  }

  @Override
  public void configure(Subparser parser) {
    parser.addArgument("--month").required(true).metavar("YYYY-MM").help("the month, ended");
    parser.addArgument("--school").help("one school's report (default: every school)");
    parser.addArgument("--lang").choices("zh", "en").setDefault("zh")
        .help("language of the report and the output");
    parser.addArgument("--out").required(true).metavar("DIR").help("where to write it");
    parser.addArgument("--config").metavar("FILE").setDefault("config/demo/console.yaml")
        .help("the console configuration naming the database and audit store");
    parser.addArgument("--home").metavar("DIR")
        .setDefault(System.getProperty("campusgate.home", "."))
        .help("the installation folder relative paths start from");
    parser.addArgument("--inspector").setDefault(System.getProperty("user.name", "cli"))
        .help("the inspector named in the report (default: the system user)");
  }

  @Override
  public int run(Namespace args, InputStream in, PrintStream out, PrintStream err)
      throws Exception {
    Messages m = Messages.forLanguage(args.getString("lang"));
    YearMonth month;
    try {
      month = YearMonth.parse(args.getString("month"));
    } catch (DateTimeParseException e) {
      err.println(m.get("report.bad-month", args.getString("month")));
      return CampusGate.EXIT_INVALID;
    }
    Path home = Path.of(args.getString("home"));
    ConsoleConfiguration config = ConsoleApplication.readConfiguration(
        home.resolve(args.getString("config")));
    Path outDir = Path.of(args.getString("out"));
    ConsoleDatabase db;
    try {
      db = ConsoleApplication.openDatabase(config, home, clock);
    } catch (RuntimeException e) {
      return failOpening(e, m, err);
    }
    try (db) {
      EmbeddedAuditStore store;
      try {
        store = EmbeddedAuditStore.openExisting(home.resolve(config.audit));
      } catch (Exception e) {
        return failOpening(e, m, err);
      }
      try (store) {
        AdminLog log = new AdminLog(db.adminLog(), Jackson.newObjectMapper());
        RegisterService register = new RegisterService(new RegisterDao(db.jdbi(), clock), log,
            SchoolDashboard.DEFAULT_ZONE, next -> { });
        RectificationService items = new RectificationService(new RectificationDao(db.jdbi()),
            db.accounts(), log, clock, SchoolDashboard.DEFAULT_ZONE,
            config.report.rectificationDays);
        MonthlyReports reports = new MonthlyReports(() -> store, register, db.schools(),
            db.adminLog(), items, clock, SchoolDashboard.DEFAULT_ZONE, config.report.district);
        MonthlyReport report;
        try {
          report = reports.make(month, args.getString("school"), args.getString("inspector"));
        } catch (IllegalArgumentException e) {
          err.println(m.get("report.refused", e.getMessage()));
          return CampusGate.EXIT_INVALID;
        }
        ReportWriter.Written w = new ReportWriter(new PdfPrinter(Path.of(config.report.chromium),
            PDF_TIMEOUT)).write(report, args.getString("lang"), outDir);
        out.println(m.get("report.written", w.html(), w.csv().size(), outDir.resolve("csv")));
        if (w.pdf() != null) {
          out.println(m.get("report.pdf", w.pdf()));
        } else {
          err.println(m.get("report.no-pdf", w.pdfProblem()));
        }
        return 0;
      }
    }
  }

  /** A store or database held by a running console is named as such; anything else as it is. */
  private static int failOpening(Exception e, Messages m, PrintStream err) {
    if (heldByConsole(e)) {
      err.println(m.get("report.in-use"));
      return 1;
    }
    err.println(m.get("report.cannot-open", e.getMessage()));
    return 1;
  }

  static boolean heldByConsole(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      String msg = String.valueOf(t.getMessage());
      if (name.endsWith("LockObtainFailedException")
          || name.endsWith("OverlappingFileLockException")
          || msg.contains("already in use") || msg.contains("Locked by another process")) {
        return true;
      }
    }
    return false;
  }
}
