package io.humanseg.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/** How well a confidence ranks masks by their quality: the figures QUALITY.md reports for it. */
public final class Ranks {
  private Ranks() {}

  /**
   * Spearman's rank correlation of x and y (Pearson's correlation of their ranks, ties given their mean rank);
   * NaN when either is constant, or there are fewer than two values.
   */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " values against " + y.length);
    }
    return x.length < 2 ? Double.NaN : pearson(ranks(x), ranks(y));
  }

  /**
   * The share of the worst {@code share} of items by {@code quality} that are also among the lowest {@code share}
   * by {@code score}: how many of the worst masks a review of the lowest-confidence ones would catch. Both
   * groups have ceil(share * n) items; ties are broken by position, so the figure is reproducible.
   */
  public static <T> double caught(List<T> items, ToDoubleFunction<T> quality, ToDoubleFunction<T> score,
      double share) {
    if (items.isEmpty()) {
      return Double.NaN;
    }
    int k = (int) Math.ceil(share * items.size());
    Set<Integer> worst = new HashSet<>(lowest(items, quality, k));
    return lowest(items, score, k).stream().filter(worst::contains).count() / (double) k;
  }

  private static <T> List<Integer> lowest(List<T> items, ToDoubleFunction<T> value, int k) {
    return IntStream.range(0, items.size()).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> value.applyAsDouble(items.get(i))).thenComparing(i -> i))
        .limit(k).toList();
  }

  /** 1-based ranks; tied values share the mean of their ranks. */
  static double[] ranks(double[] v) {
    Integer[] order = IntStream.range(0, v.length).boxed().sorted(Comparator.comparingDouble(i -> v[i]))
        .toArray(Integer[]::new);
    double[] r = new double[v.length];
    for (int i = 0; i < order.length; ) {
      int j = i;
      while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double mean = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        r[order[t]] = mean;
      }
      i = j + 1;
    }
    return r;
  }

  private static double pearson(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElseThrow();
    double my = Arrays.stream(y).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }
}
