package org.campusgate.console.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparsers;

/** Entry point of {@code bin/campusgate}: parses the command line and runs one command. */
public final class CampusGate {
  /** Exit code for invalid usage, policies or lists. */
  static final int EXIT_INVALID = 2;

  private final Map<String, Command> commands = new LinkedHashMap<>();

  CampusGate(List<Command> commands) {
    commands.forEach(c -> this.commands.put(c.name(), c));
  }

  static CampusGate standard() {
    return new CampusGate(List.of(new DemoCommand(), new RunCommand(), new TokenCommand(), new GatewayCommand(), new DecideCommand(),
        new AuditCommand(),
        new VerifyEvidenceCommand(), new ReportCommand()));
  }

  public static void main(String[] argv) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = standard().run(argv, System.in, out, err);
    out.flush();
    if (code >= 0) {
      System.exit(code);
    }
    // negative: a server command returned with its threads serving; they keep the JVM alive
  }

  int run(String[] argv, InputStream in, PrintStream out, PrintStream err) {
    ArgumentParser parser = ArgumentParsers.newFor("campusgate").build()
        .description("CampusGate: content filtering and audit for school networks");
    Subparsers subparsers = parser.addSubparsers().dest("command").metavar("COMMAND");
    for (Command c : commands.values()) {
      c.configure(subparsers.addParser(c.name()).help(c.help()).description(c.help()));
    }
    Namespace args;
    try {
      args = parser.parseArgs(argv);
    } catch (ArgumentParserException e) {
      java.io.PrintWriter writer = new java.io.PrintWriter(err, true);
      parser.handleError(e, writer);
      writer.flush();
      return EXIT_INVALID;
    }
    try {
      return commands.get(args.getString("command")).run(args, in, out, err);
    } catch (Exception e) {
      err.println("campusgate: " + e.getMessage());
      return 1;
    }
  }
}
