package io.humanseg.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HuffmanTest {
  /** Kraft's sum of the used lengths, times 2^15: 2^15 exactly for a complete prefix code. */
  private static long kraft(int[] lengths) {
    long sum = 0;
    for (int len : lengths) {
      if (len > 0) {
        sum += 1L << (15 - len);
      }
    }
    return sum;
  }

  @Test
  void skewedCountsStayWithinTheLimitAndComplete() {
    // Fibonacci counts make a Huffman tree as deep as there are symbols (30 here): the limit must flatten it.
    int[] counts = new int[286];
    long a = 1;
    long b = 1;
    for (int s = 0; s < 30; s++) {
      counts[s] = (int) Math.min(a, Integer.MAX_VALUE);
      long t = a + b;
      a = b;
      b = t;
    }
    int[] lengths = new int[286];
    Huffman.lengths(counts, 15, lengths);
    for (int s = 0; s < 286; s++) {
      assertTrue(lengths[s] <= 15, "symbol " + s + ": " + lengths[s]);
      assertEquals(counts[s] > 0, lengths[s] > 0, "symbol " + s);
    }
    assertEquals(1L << 15, kraft(lengths));
  }

  @Test
  void randomCountsGiveCompletePrefixCodes() {
    Random random = new Random(9);
    for (int round = 0; round < 200; round++) {
      int[] counts = new int[19];
      for (int s = 0; s < counts.length; s++) {
        counts[s] = random.nextInt(3) == 0 ? 0 : random.nextInt(1 << random.nextInt(20)) + 1;
      }
      counts[random.nextInt(19)] = 1;
      int[] lengths = new int[19];
      Huffman.lengths(counts, 7, lengths);
      int[] codes = new int[19];
      Huffman.codes(lengths, codes);
      assertEquals(1L << 15, kraft(lengths), "round " + round);
      // Prefix-free: no used code is the start of another (codes are bit-reversed: compare low bits).
      for (int x = 0; x < 19; x++) {
        for (int y = 0; y < 19; y++) {
          if (x != y && lengths[x] > 0 && lengths[y] >= lengths[x]) {
            int mask = (1 << lengths[x]) - 1;
            assertTrue((codes[y] & mask) != codes[x], "round " + round + ": " + x + " prefixes " + y);
          }
        }
      }
    }
  }

  @Test
  void aLoneSymbolGetsAPartner() {
    int[] lengths = new int[5];
    Huffman.lengths(new int[] {0, 0, 7, 0, 0}, 15, lengths);
    assertEquals(1, lengths[2]);
    assertEquals(1L << 15, kraft(lengths));
  }
}
