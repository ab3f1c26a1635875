package org.campusgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PolicyHolderTest {
  private static final String BLOCK_GAMBLING = PolicyFixtures.POLICY;

  private static PolicySnapshot version(long v, boolean blockGambling) {
    String yaml = BLOCK_GAMBLING.replace("version: 3", "version: " + v);
    if (!blockGambling) {
      yaml = yaml.replace("block: [jeux, adult]", "block: [adult]");
    }
    return PolicyFixtures.snapshot(yaml);
  }

  @Test
  void publishingSwapsTheSnapshotAndOnlyNewerVersionsAreAccepted() {
    PolicyHolder holder = new PolicyHolder(version(3, true));
    PolicySnapshot v4 = version(4, false);
    assertThat(holder.publish(v4).version()).isEqualTo(3);
    assertThat(holder.current()).isSameAs(v4);
    assertThatThrownBy(() -> holder.publish(version(4, true)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not newer");
    assertThat(holder.current()).isSameAs(v4);
  }

  @Test
  void everyDecisionIsConsistentWithTheVersionItRecordsWhileSnapshotsSwap() throws Exception {
    PolicyHolder holder = new PolicyHolder(version(1, true));
    PolicySnapshot[] versions = new PolicySnapshot[41];
    for (int v = 2; v <= 40; v++) {
      versions[v] = version(v, v % 2 == 1);
    }
    RequestContext request = PolicyFixtures.request("http://casino.com/", UserIdentity.of("s", "students"), PolicyFixtures.TUESDAY_10AM);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        readers.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          int checked = 0;
          for (int i = 0; i < 50_000; i++) {
            Decision d = holder.current().decide(request);
            // odd versions block gambling, even ones allow it
            assertThat(d.action() == Action.BLOCK).isEqualTo(d.policyVersion() % 2 == 1);
            checked++;
          }
          return checked;
        }));
      }
      Future<?> writer = pool.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        for (int v = 2; v <= 40; v++) {
          holder.publish(versions[v]);
        }
        return null;
      });
      start.countDown();
      writer.get(30, TimeUnit.SECONDS);
      for (Future<Integer> r : readers) {
        assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(50_000);
      }
      assertThat(holder.current().version()).isEqualTo(40);
    } finally {
      pool.shutdownNow();
    }
  }
}
