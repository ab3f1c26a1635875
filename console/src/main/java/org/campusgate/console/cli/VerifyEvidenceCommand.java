package org.campusgate.console.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.evidence.EvidenceFile;
import org.campusgate.audit.integrity.CheckpointVerifier;
import org.campusgate.audit.integrity.EvidenceVerifier;
import org.campusgate.audit.integrity.TimestampVerifier;

/**
 * {@code campusgate verify-evidence BUNDLE --key PUBKEY [--tsa-cert CERT]}: checks an evidence
 * bundle offline with nothing but the gateway's public key, and lists what it proves. Exit 0
 * when every event is proven, 1 when anything fails, 2 for unusable input.
 */
final class VerifyEvidenceCommand implements Command {
  @Override
  public String name() {
    return "verify-evidence";
  }

  @Override
  public String help() {
    return "check an evidence bundle offline with the gateway's public key";
  }

  @Override
  public void configure(Subparser parser) {
    parser.addArgument("bundle").metavar("BUNDLE").help("the evidence file (JSON)");
    parser.addArgument("--key").required(true).metavar("PUBKEY")
        .help("the gateway's public key file (keys/checkpoint.pub) or its text");
    parser.addArgument("--tsa-cert").metavar("CERT")
        .help("PEM or DER certificate of the time-stamp authority, to check time stamps too");
    parser.addArgument("--lang").choices("zh", "en").setDefault("zh");
  }

  @Override
  public int run(Namespace args, InputStream in, PrintStream out, PrintStream err)
      throws Exception {
    Messages m = Messages.forLanguage(args.getString("lang"));
    String keyArg = args.getString("key");
    Path keyFile = Path.of(keyArg);
    String keyText = Files.isRegularFile(keyFile) ? Files.readString(keyFile).trim() : keyArg;
    CheckpointVerifier checkpoints;
    EvidenceBundle bundle;
    X509Certificate tsa = null;
    try {
      checkpoints = new CheckpointVerifier(keyText);
      bundle = new EvidenceFile().read(Path.of(args.getString("bundle")));
      if (args.getString("tsa_cert") != null) {
        tsa = TimestampVerifier.parseCertificate(
            Files.readAllBytes(Path.of(args.getString("tsa_cert"))));
      }
    } catch (IllegalArgumentException e) {
      err.println(m.get("evidence.unusable", e.getMessage()));
      return CampusGate.EXIT_INVALID;
    }
    Checkpoint cp = bundle.checkpoint().checkpoint();
    out.println(m.get("evidence.checkpoint", cp.origin(), cp.treeSize(), cp.time().toString()));
    for (EvidenceBundle.Item item : bundle.items()) {
      out.println("  " + item.seq() + "  " + describe(item));
    }
    List<IntegrityProblem> problems = new EvidenceVerifier(checkpoints, tsa).verify(bundle);
    if (problems.isEmpty()) {
      out.println(m.get("evidence.ok", bundle.items().size(), checkpoints.key().name()));
      return 0;
    }
    out.println(m.get("evidence.failed", problems.size()));
    problems.forEach(p -> out.println("  - " + p));
    return 1;
  }

  private static String describe(EvidenceBundle.Item item) {
    if (item.event() instanceof AccessEvent e) {
      String target = e.url() != null ? e.url() : e.host() + ":" + e.port();
      return String.join("  ", e.timestamp().toString(), dash(e.userId()), dash(e.clientIp()),
          dash(e.method()), target, e.action(), e.reason());
    }
    IdentityEvent e = (IdentityEvent) item.event();
    return String.join("  ", e.timestamp().toString(), e.userId(), e.address(),
        e.kind().name());
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
