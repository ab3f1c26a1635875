package org.campusgate.console.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code campusgate run --config FILE}: the production form, console and (if configured) gateway. */
final class RunCommand implements Command {
  @Override
  public String name() {
    return "run";
  }

  @Override
  public String help() {
    return "run the console (and the gateway its configuration names) with a configuration file";
  }

  @Override
  public void configure(Subparser parser) {
    parser.addArgument("--config").metavar("FILE").required(true)
        .help("the console configuration (see config/demo/console.yaml)");
    parser.addArgument("--home").metavar("DIR").setDefault(System.getProperty("campusgate.home", "."))
        .help("the installation folder relative paths start from");
    parser.addArgument("--lang").choices("zh", "en").setDefault("zh").help("language of the output");
  }

  @Override
  public int run(Namespace args, InputStream in, PrintStream out, PrintStream err) throws Exception {
    Path home = Path.of(args.getString("home"));
    return ConsoleLauncher.run(home, home.resolve(args.getString("config")), out, err,
        Messages.forLanguage(args.getString("lang")));
  }
}
