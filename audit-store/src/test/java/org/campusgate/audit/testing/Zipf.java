package org.campusgate.audit.testing;

import java.util.random.RandomGenerator;

/**
 * Samples ranks {@code 0..n-1} with Zipf probabilities {@code p(k) ∝ 1 / (k+1)^s}, in constant
 * time per draw (Walker/Vose alias method over a table built once). Immutable, thread-safe; the
 * randomness comes from the caller's generator, so draws are deterministic for a seeded one.
 */
public final class Zipf {
  private final int n;
  private final double exponent;
  private final double[] probability;
  private final double[] threshold;
  private final int[] alias;

  /**
   * @param n number of ranks, at least 1
   * @param exponent the exponent {@code s}, at least 0 (0 is uniform)
   */
  public Zipf(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    if (!(exponent >= 0) || Double.isInfinite(exponent)) {
      throw new IllegalArgumentException("exponent must be finite and >= 0: " + exponent);
    }
    this.n = n;
    this.exponent = exponent;
    double[] weights = new double[n];
    for (int k = 0; k < n; k++) {
      weights[k] = 1.0 / Math.pow(k + 1, exponent);
    }
    Alias table = Alias.of(weights);
    this.probability = table.probability;
    this.threshold = table.threshold;
    this.alias = table.alias;
  }

  /** A rank in {@code [0, n)}; rank 0 is the most likely. */
  public int sample(RandomGenerator random) {
    int i = random.nextInt(n);
    return random.nextDouble() < threshold[i] ? i : alias[i];
  }

  /** The exact probability of {@code rank}. */
  public double probability(int rank) {
    return probability[rank];
  }

  public int size() {
    return n;
  }

  public double exponent() {
    return exponent;
  }

  /**
   * An alias table over arbitrary non-negative weights (package-private: the generator uses it
   * for users, schools and categories too).
   */
  static final class Alias {
    final double[] probability;
    final double[] threshold;
    final int[] alias;

    private Alias(double[] probability, double[] threshold, int[] alias) {
      this.probability = probability;
      this.threshold = threshold;
      this.alias = alias;
    }

    static Alias of(double[] weights) {
      int n = weights.length;
      if (n == 0) {
        throw new IllegalArgumentException("no weights");
      }
      double sum = 0;
      for (double w : weights) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("bad weight: " + w);
        }
        sum += w;
      }
      if (!(sum > 0)) {
        throw new IllegalArgumentException("weights sum to zero");
      }
      double[] probability = new double[n];
      double[] scaled = new double[n];
      for (int i = 0; i < n; i++) {
        probability[i] = weights[i] / sum;
        scaled[i] = probability[i] * n;
      }
      double[] threshold = new double[n];
      int[] alias = new int[n];
      int[] small = new int[n];
      int[] large = new int[n];
      int ns = 0;
      int nl = 0;
      for (int i = 0; i < n; i++) {
        if (scaled[i] < 1.0) {
          small[ns++] = i;
        } else {
          large[nl++] = i;
        }
      }
      while (ns > 0 && nl > 0) {
        int s = small[--ns];
        int l = large[--nl];
        threshold[s] = scaled[s];
        alias[s] = l;
        scaled[l] = (scaled[l] + scaled[s]) - 1.0;
        if (scaled[l] < 1.0) {
          small[ns++] = l;
        } else {
          large[nl++] = l;
        }
      }
      while (nl > 0) {
        int l = large[--nl];
        threshold[l] = 1.0;
        alias[l] = l;
      }
      while (ns > 0) { // rounding leftovers
        int s = small[--ns];
        threshold[s] = 1.0;
        alias[s] = s;
      }
      return new Alias(probability, threshold, alias);
    }

    int sample(RandomGenerator random) {
      int i = random.nextInt(threshold.length);
      return random.nextDouble() < threshold[i] ? i : alias[i];
    }

    int size() {
      return threshold.length;
    }
  }
}
