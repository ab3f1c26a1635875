package org.campusgate.console.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.document.PolicyDocumentParser;

/**
 * {@code campusgate gateway --config FILE}: runs the gateway in the foreground with the policy,
 * lists and audit store the file names, until SIGTERM.
 */
final class GatewayCommand implements Command {
  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public String help() {
    return "run the filtering proxy in the foreground (until SIGTERM)";
  }

  @Override
  public void configure(Subparser parser) {
    parser.addArgument("--config").required(true).metavar("FILE")
        .help("the gateway's settings (see config/demo/gateway.yaml)");
    parser.addArgument("--home").metavar("DIR")
        .setDefault(System.getProperty("campusgate.home", "."))
        .help("the folder relative paths in the settings start from");
    parser.addArgument("--lang").choices("zh", "en").setDefault("zh");
  }

  @Override
  public int run(Namespace args, InputStream in, PrintStream out, PrintStream err)
      throws Exception {
    Messages m = Messages.forLanguage(args.getString("lang"));
    GatewaySettings settings;
    PolicySnapshot policy;
    try {
      settings = GatewaySettings.load(Path.of(args.getString("config")),
          Path.of(args.getString("home")));
      policy = PolicyLoading.compile(PolicyDocumentParser.parse(settings.policy()),
          PolicyLoading.lists(settings.lists(), err), err);
    } catch (IllegalArgumentException e) {
      err.println("campusgate: " + e.getMessage());
      return CampusGate.EXIT_INVALID;
    } catch (InvalidPolicyException e) {
      PolicyLoading.printPolicyErrors(e, err);
      return CampusGate.EXIT_INVALID;
    } catch (PolicyLoading.Rejected e) {
      return CampusGate.EXIT_INVALID;
    }
    RunningGateway.start(settings, policy).serveUntilShutdown(out, m);
    return 0;
  }
}
