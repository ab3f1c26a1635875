package org.campusgate.console.cli;

import java.io.InputStream;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** One {@code bin/campusgate} sub-command. */
interface Command {
  String name();

  String help();

  void configure(Subparser parser);

  /** @return the process exit code */
  int run(Namespace args, InputStream in, PrintStream out, PrintStream err) throws Exception;
}
