package org.campusgate.gateway.testing;

import java.nio.file.Path;
import org.campusgate.policy.PolicyCompiler;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.lists.Ut1Importer;

/** Policies for the gateway's tests: the demo policy with the UT1 sample, or a given YAML text. */
public final class TestPolicies {
  public static final Path UT1 = Path.of("../data/ut1-sample/blacklists");
  public static final Path DEMO = Path.of("../config/demo/policy.yaml");
  private static ListSet lists;

  private TestPolicies() {}

  public static synchronized ListSet lists() throws Exception {
    if (lists == null) {
      lists = Ut1Importer.importPath(UT1);
    }
    return lists;
  }

  public static PolicyHolder demo() throws Exception {
    return new PolicyHolder(PolicyCompiler.compile(PolicyDocumentParser.parse(DEMO), lists()));
  }

  public static PolicyHolder of(String yaml) throws Exception {
    PolicySnapshot s = PolicyCompiler.compile(PolicyDocumentParser.parse(yaml, "test.yaml"), lists());
    return new PolicyHolder(s);
  }
}
