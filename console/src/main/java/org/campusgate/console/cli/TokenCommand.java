package org.campusgate.console.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.campusgate.console.ConsoleApplication;
import org.campusgate.console.ConsoleConfiguration;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.tokens.ApiTokens;

/**
 * {@code campusgate token create --role ROLE [--school S] --name NAME}: issues an API token in the
 * configured database (the console may be running or not) and prints its secret, once. The
 * issue is written to the admin log with the actor {@code cli}.
 */
final class TokenCommand implements Command {
  @Override
  public String name() {
    return "token";
  }

  @Override
  public String help() {
    return "issue an API token in the configured console database";
  }

  @Override
  public void configure(Subparser parser) {
    parser.addArgument("action").choices("create").help("what to do");
    parser.addArgument("--role").required(true)
        .choices("district-admin", "school-admin", "inspector", "responder");
    parser.addArgument("--school").help("the school of a school-admin (or school-bound responder) token");
    parser.addArgument("--name").required(true).help("what the token is for (shown in lists and logs)");
    parser.addArgument("--config").metavar("FILE").setDefault("config/demo/console.yaml")
        .help("the console configuration naming the database (default: the demo's)");
    parser.addArgument("--home").metavar("DIR").setDefault(System.getProperty("campusgate.home", "."))
        .help("the installation folder relative paths start from");
    parser.addArgument("--lang").choices("zh", "en").setDefault("zh").help("language of the output");
  }

  @Override
  public int run(Namespace args, InputStream in, PrintStream out, PrintStream err) throws Exception {
    Messages m = Messages.forLanguage(args.getString("lang"));
    Path home = Path.of(args.getString("home"));
    ConsoleConfiguration config = ConsoleApplication.readConfiguration(home.resolve(args.getString("config")));
    try (ConsoleDatabase db = ConsoleApplication.openDatabase(config, home, Clock.systemUTC())) {
      ApiTokens tokens = new ApiTokens(db, new AdminLog(db.adminLog(),
          io.dropwizard.jackson.Jackson.newObjectMapper()));
      ApiTokens.Issued issued = tokens.issue("cli", new ApiTokens.TokenInput(args.getString("name"),
          args.getString("role"), args.getString("school")));
      err.println(m.get("token.created", issued.token().name(), issued.token().role(),
          issued.token().school() == null ? "-" : issued.token().school()));
      out.println(issued.secret());
      return 0;
    } catch (RefusedRequest e) {
      err.println("campusgate: " + e.getMessage());
      return CampusGate.EXIT_INVALID;
    }
  }
}
