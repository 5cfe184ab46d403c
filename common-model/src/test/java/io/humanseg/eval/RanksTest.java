package io.humanseg.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RanksTest {
  @Test
  void spearmanIsOneForAnyRisingRelationAndMinusOneForAFallingOne() {
    double[] x = {0.1, 0.5, 0.2, 0.9, 0.3};
    double[] rising = {1, 100, 5, 1000, 6}; // same order, any scale
    double[] falling = {9, 1, 8, 0, 7};
    assertEquals(1.0, Ranks.spearman(x, rising), 1e-12);
    assertEquals(-1.0, Ranks.spearman(x, falling), 1e-12);
  }

  @Test
  void tiesShareTheirMeanRankAsScipyDoes() {
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Ranks.ranks(new double[] {0, 1, 1, 2}));
    // scipy.stats.spearmanr([1, 2, 2, 3, 4], [2, 1, 3, 3, 5]) = 0.7631578947368421
    assertEquals(0.7631578947368421, Ranks.spearman(new double[] {1, 2, 2, 3, 4}, new double[] {2, 1, 3, 3, 5}),
        1e-12);
  }

  @Test
  void aConstantConfidenceHasNoCorrelation() {
    assertTrue(Double.isNaN(Ranks.spearman(new double[] {0.5, 0.5, 0.5}, new double[] {0.1, 0.9, 0.4})));
    assertTrue(Double.isNaN(Ranks.spearman(new double[] {1}, new double[] {1})));
    assertThrows(IllegalArgumentException.class, () -> Ranks.spearman(new double[2], new double[3]));
  }

  @Test
  void caughtCountsTheWorstAmongTheLowestScored() {
    record Item(double quality, double score) {}
    // 20 items: the two worst are 0 and 1; the two lowest scored are 1 and 7.
    List<Item> items = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      items.add(new Item(i, i == 1 ? -1 : i == 7 ? -0.5 : 10 + i));
    }
    assertEquals(0.5, Ranks.caught(items, Item::quality, Item::score, 0.1), 1e-12);
    assertEquals(1.0, Ranks.caught(items, Item::quality, Item::quality, 0.1), 1e-12);
    // Ceil: 10% of 5 items is one item.
    assertEquals(1.0, Ranks.caught(items.subList(0, 5), Item::quality, Item::quality, 0.1), 1e-12);
  }
}
