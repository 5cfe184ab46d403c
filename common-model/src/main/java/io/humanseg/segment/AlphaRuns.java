package io.humanseg.segment;

import java.util.Arrays;

/**
 * A row's columns as runs of one kind each: alpha certainly 0 ({@link #NONE}), certainly 255 ({@link #FULL}),
 * or to be computed ({@link #SOME}). Adjacent runs of one kind are joined.
 */
final class AlphaRuns {
  static final byte NONE = 0;
  static final byte SOME = 1;
  static final byte FULL = 2;
  /**
   * Probabilities below this round to alpha 0, and above {@link #HIGH} (up to {@link #TOP}) to 255, even after
   * weights that sum to 1 within float rounding: 0.49 and 254.51 out of 255 leave a margin of 0.01 grey levels.
   */
  static final float LOW = 0.49f / 255;
  static final float HIGH = 254.51f / 255;
  static final float TOP = 1.0001f;

  int count;
  int[] start = new int[16];
  int[] end = new int[16];
  byte[] kind = new byte[16];

  void clear() {
    count = 0;
  }

  void add(int from, int to, byte k) {
    if (from >= to) {
      return;
    }
    if (count > 0 && kind[count - 1] == k && end[count - 1] == from) {
      end[count - 1] = to;
      return;
    }
    if (count == start.length) {
      start = Arrays.copyOf(start, 2 * count);
      end = Arrays.copyOf(end, 2 * count);
      kind = Arrays.copyOf(kind, 2 * count);
    }
    start[count] = from;
    end[count] = to;
    kind[count] = k;
    count++;
  }

  static byte kindOf(float v) {
    // NaN and out-of-range values fall through to SOME: computed as before.
    return v >= 0 && v < LOW ? NONE : v > HIGH && v <= TOP ? FULL : SOME;
  }

  /** The runs of {@code values[offset, offset + length)}, indexed from 0. */
  void of(float[] values, int offset, int length) {
    clear();
    int from = 0;
    byte k = length > 0 ? kindOf(values[offset]) : NONE;
    for (int x = 1; x < length; x++) {
      byte kx = kindOf(values[offset + x]);
      if (kx != k) {
        add(from, x, k);
        from = x;
        k = kx;
      }
    }
    add(from, length, k);
  }

  /**
   * {@code under} with {@code over} (shifted right by {@code offset}) laid on it into {@code out}: where both
   * are certain of the same value it stays certain, elsewhere under {@code over} it must be computed; columns
   * {@code over} does not cover keep their kind.
   */
  static void overlay(AlphaRuns under, AlphaRuns over, int offset, AlphaRuns out) {
    out.clear();
    int j = 0;
    for (int i = 0; i < under.count; i++) {
      int p = under.start[i];
      int e = under.end[i];
      byte k = under.kind[i];
      while (p < e) {
        while (j < over.count && over.end[j] + offset <= p) {
          j++;
        }
        if (j == over.count || over.start[j] + offset >= e) {
          out.add(p, e, k);
          break;
        }
        int os = over.start[j] + offset;
        if (os > p) {
          out.add(p, os, k);
          p = os;
        }
        int q = Math.min(e, over.end[j] + offset);
        out.add(p, q, k == over.kind[j] ? k : SOME);
        p = q;
      }
    }
  }
}
