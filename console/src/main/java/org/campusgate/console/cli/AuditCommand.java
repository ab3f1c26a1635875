package org.campusgate.console.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.VerificationReport;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.evidence.EvidenceFile;

/**
 * {@code campusgate audit verify|evidence|key|reindex --dir DIR}: offline work on an embedded audit store
 * (while no gateway writes to it): re-verify its integrity, export an evidence bundle for some
 * events, print the public key the district collects.
 */
final class AuditCommand implements Command {
  @Override
  public String name() {
    return "audit";
  }

  @Override
  public String help() {
    return "verify an audit store, export evidence, print its public key";
  }

  @Override
  public void configure(Subparser parser) {
    Subparsers actions = parser.addSubparsers().dest("action").metavar("ACTION");
    Subparser verify = actions.addParser("verify").help("recheck records and signed checkpoints");
    dir(verify);
    verify.addArgument("--from").help("start, ISO instant (default: the beginning)");
    verify.addArgument("--to").help("end, ISO instant (default: now)");
    Subparser evidence = actions.addParser("evidence")
        .help("write the given events with their integrity proofs to a bundle file");
    dir(evidence);
    evidence.addArgument("--event").required(true).action(Arguments.append()).metavar("ID")
        .help("an event id (repeat for several)");
    evidence.addArgument("--out").required(true).metavar("FILE");
    dir(actions.addParser("key").help("print the verifier key of the store's signing key"));
    dir(actions.addParser("reindex").help("drop the derived indexes and rebuild them from the "
        + "journal"));
  }

  private static void dir(Subparser p) {
    p.addArgument("--dir").setDefault("var/audit").help("the store's directory (var/audit)");
    p.addArgument("--lang").choices("zh", "en").setDefault("zh");
  }

  @Override
  public int run(Namespace args, InputStream in, PrintStream out, PrintStream err)
      throws Exception {
    Messages m = Messages.forLanguage(args.getString("lang"));
    Instant from;
    Instant to;
    List<UUID> ids;
    try {
      from = instant(args.getString("from"), Instant.EPOCH);
      to = instant(args.getString("to"), Instant.now());
      List<String> raw = args.getList("event");
      ids = raw == null ? List.of() : raw.stream().map(UUID::fromString).toList();
    } catch (DateTimeParseException | IllegalArgumentException e) {
      err.println(m.get("audit.bad-input", e.getMessage()));
      return CampusGate.EXIT_INVALID;
    }
    Path dir = Path.of(args.getString("dir"));
    if ("reindex".equals(args.getString("action"))) {
      EmbeddedAuditStore.openExisting(dir).close(); // refuses a directory that is not a store
      EmbeddedAuditStore.dropDerivedIndexes(dir);
      long started = System.nanoTime();
      EmbeddedAuditStore.openExisting(dir).close();
      out.println(m.get("audit.reindex.done", (System.nanoTime() - started) / 1_000_000));
      return 0;
    }
    try (EmbeddedAuditStore store = EmbeddedAuditStore.openExisting(dir)) {
      switch (args.getString("action")) {
        case "key" -> out.println(store.verifierKey());
        case "verify" -> {
          VerificationReport r = store.verify(from, to);
          if (!r.intact()) {
            out.println(m.get("audit.verify.failed", r.problems().size()));
            r.problems().forEach(p -> out.println("  - " + p));
            return 1;
          }
          out.println(m.get("audit.verify.ok", r.recordsChecked(), r.checkpointsChecked()));
        }
        default -> {
          EvidenceBundle bundle = store.proof(ids);
          Path file = Path.of(args.getString("out"));
          new EvidenceFile().write(bundle, file);
          out.println(m.get("audit.evidence.written", bundle.items().size(), file));
        }
      }
      return 0;
    }
  }

  private static Instant instant(String text, Instant fallback) {
    return text == null ? fallback : Instant.parse(text);
  }
}
