package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The foreground box and count of 8-bit masks and float maps, against a plain pixel-by-pixel scan. */
class MaskBoundsTest {
  /** Box and count by the definition: every pixel looked at, min and max of the foreground's coordinates. */
  private static MaskBounds reference(int width, int height, IntPredicate foreground) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    long count = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (foreground.test(y * width + x)) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
          count++;
        }
      }
    }
    return count == 0 ? new MaskBounds(0, 0, 0, 0, 0) : new MaskBounds(minX, minY, maxX - minX + 1, maxY - minY + 1, count);
  }

  @Test
  void everyThresholdOnDenseMasksMatchesTheDefinition() {
    // Eight pixels are tested at a time: every byte value against every threshold, in words and row tails.
    Random r = new Random(17);
    for (int threshold = 1; threshold <= 255; threshold++) {
      int w = 1 + r.nextInt(45);
      int h = 1 + r.nextInt(9);
      byte[] alpha = new byte[w * h];
      r.nextBytes(alpha);
      int t = threshold;
      assertEquals(reference(w, h, p -> (alpha[p] & 0xff) >= t), MaskBounds.of(alpha, w, h, t), "threshold " + t);
    }
    byte[] all = new byte[256 * 3];
    for (int v = 0; v < 256; v++) {
      all[v] = (byte) v;
      all[256 + v] = (byte) (255 - v);
      all[512 + v] = (byte) (v * 37);
    }
    for (int t = 1; t <= 255; t++) {
      int threshold = t;
      assertEquals(reference(256, 3, p -> (all[p] & 0xff) >= threshold), MaskBounds.of(all, 256, 3, t), "all " + t);
    }
  }

  @Test
  void randomSparseMasksMatchTheDefinitionForBytesAndFloats() {
    Random r = new Random(13);
    for (int i = 0; i < 300; i++) {
      int w = 1 + r.nextInt(40);
      int h = 1 + r.nextInt(40);
      byte[] alpha = new byte[w * h];
      float[] prob = new float[w * h];
      int dots = r.nextInt(6);
      for (int d = 0; d < dots; d++) {
        int p = r.nextInt(w * h);
        alpha[p] = (byte) r.nextInt(256);
        prob[p] = alpha[p] & 0xff;
      }
      int threshold = 1 + r.nextInt(255);
      MaskBounds expected = reference(w, h, p -> (alpha[p] & 0xff) >= threshold);
      assertEquals(expected, MaskBounds.of(alpha, w, h, threshold), "bytes, case " + i);
      assertEquals(expected, MaskBounds.of(prob, w, h, threshold), "floats, case " + i);
    }
  }

  @Test
  void theThresholdItselfIsForegroundAndNanIsNot() {
    float[] prob = {0.49f, Float.NaN, 0.5f, 0.2f, Float.NaN, 0.1f};
    assertEquals(new MaskBounds(2, 0, 1, 1, 1), MaskBounds.of(prob, 3, 2, 0.5f));
    byte[] alpha = {0, (byte) 127, (byte) 128, 0, 0, (byte) 255};
    MaskBounds bounds = MaskBounds.of(alpha, 3, 2, 128);
    assertEquals(new MaskBounds(2, 0, 1, 2, 2), bounds);
    assertEquals(3, bounds.right());
    assertEquals(2, bounds.bottom());
  }

  @Test
  void noForegroundIsEmpty() {
    assertTrue(MaskBounds.of(new byte[12], 4, 3, 1).isEmpty());
    assertTrue(MaskBounds.of(new float[12], 4, 3, 0.5f).isEmpty());
  }

  @Test
  void aThresholdOutsideTheByteRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> MaskBounds.of(new byte[4], 2, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> MaskBounds.of(new byte[4], 2, 2, 256));
  }
}
