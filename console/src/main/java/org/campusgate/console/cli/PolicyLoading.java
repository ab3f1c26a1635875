package org.campusgate.console.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicyCompiler;
import org.campusgate.policy.PolicyError;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.document.PolicyDocument;
import org.campusgate.policy.lists.ListError;
import org.campusgate.policy.lists.ListFormatException;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.lists.Ut1Importer;

/** Loads lists and a policy for the commands, printing every error on failure. */
final class PolicyLoading {
  private PolicyLoading() {}

  /** Signals that errors were already printed and the command must exit with {@code EXIT_INVALID}. */
  static final class Rejected extends Exception {
    Rejected() {
      super(null, null, false, false);
    }
  }

  static ListSet lists(Path path, PrintStream err) throws IOException, Rejected {
    if (path == null) {
      return ListSet.EMPTY;
    }
    try {
      return Ut1Importer.importPath(path);
    } catch (ListFormatException e) {
      err.println("campusgate: the lists in " + path + " were rejected:");
      for (ListError error : e.errors()) {
        err.println("  " + error);
      }
      throw new Rejected();
    }
  }

  static PolicySnapshot compile(PolicyDocument doc, ListSet lists, PrintStream err) throws Rejected {
    try {
      return PolicyCompiler.compile(doc, lists);
    } catch (InvalidPolicyException e) {
      printPolicyErrors(e, err);
      throw new Rejected();
    }
  }

  static void printPolicyErrors(InvalidPolicyException e, PrintStream err) {
    err.println("campusgate: the policy " + e.source() + " was rejected:");
    for (PolicyError error : e.errors()) {
      err.println("  " + error);
    }
  }
}
