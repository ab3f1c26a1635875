package org.campusgate.audit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {

  @Test
  void probabilitiesFollowThePowerLaw() {
    Zipf zipf = new Zipf(1000, 1.1);
    double sum = 0;
    for (int k = 0; k < 1000; k++) {
      sum += zipf.probability(k);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));
    assertThat(zipf.probability(0) / zipf.probability(1)).isCloseTo(Math.pow(2, 1.1), within(1e-9));
    assertThat(zipf.probability(9) / zipf.probability(99)).isCloseTo(Math.pow(10, 1.1), within(1e-9));
  }

  @Test
  void samplesMatchTheDistribution() {
    int n = 1000;
    Zipf zipf = new Zipf(n, 1.1);
    SplittableRandom random = new SplittableRandom(7);
    int draws = 1_000_000;
    long[] count = new long[n];
    for (int i = 0; i < draws; i++) {
      count[zipf.sample(random)]++;
    }
    // chi-square over the 50 most likely ranks plus one bucket for the rest (50 degrees of freedom)
    double chi2 = 0;
    double restExpected = draws;
    long restObserved = draws;
    for (int k = 0; k < 50; k++) {
      double expected = draws * zipf.probability(k);
      chi2 += (count[k] - expected) * (count[k] - expected) / expected;
      restExpected -= expected;
      restObserved -= count[k];
    }
    chi2 += (restObserved - restExpected) * (restObserved - restExpected) / restExpected;
    assertThat(chi2).as("chi-square, 50 d.f. (p=0.001 at 86.7)").isLessThan(86.7);
    assertThat(count[0] / (double) draws).isCloseTo(zipf.probability(0), within(0.002));
  }

  @Test
  void exponentZeroIsUniformAndSingleRankWorks() {
    Zipf uniform = new Zipf(4, 0);
    for (int k = 0; k < 4; k++) {
      assertThat(uniform.probability(k)).isCloseTo(0.25, within(1e-12));
    }
    Zipf one = new Zipf(1, 1.2);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100; i++) {
      assertThat(one.sample(random)).isZero();
    }
  }

  @Test
  void aliasHandlesArbitraryWeightsIncludingZero() {
    Zipf.Alias alias = Zipf.Alias.of(new double[] {0, 3, 1});
    SplittableRandom random = new SplittableRandom(3);
    long[] count = new long[3];
    for (int i = 0; i < 400_000; i++) {
      count[alias.sample(random)]++;
    }
    assertThat(count[0]).isZero();
    assertThat(count[1] / 400_000.0).isCloseTo(0.75, within(0.005));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new Zipf(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Zipf(3, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Zipf.Alias.of(new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
