package org.campusgate.gateway.testing;

import org.campusgate.gateway.block.BlockFacts;
import org.campusgate.gateway.block.BlockPages;

/** A minimal block page for the proxy's tests (the real pages are the block package's job). */
public final class TestBlockPages implements BlockPages {
  @Override
  public String html(BlockFacts facts, String acceptLanguage) {
    return "<html><body>blocked " + facts.decision().reason() + " request " + facts.requestId()
        + "</body></html>";
  }

  @Override
  public String connectReason(BlockFacts facts) {
    return facts.decision().reason().name() + " request " + facts.requestId();
  }
}
