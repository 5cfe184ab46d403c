package io.humanseg.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplingTest {
  @Test
  void shrinkingByAWholeFactorAveragesBlocks() {
    float[] src = new float[16];
    for (int i = 0; i < 16; i++) {
      src[i] = i;
    }
    // 4x4 -> 2x2: each output is the mean of a 2x2 block.
    float[] out = MapResampler.resize(src, 4, 4, 2, 2);
    assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, out, 1e-5f);
  }

  @Test
  void shrinkingByAFractionKeepsTheMean() {
    Random random = new Random(7);
    float[] src = new float[97 * 61];
    double sum = 0;
    for (int i = 0; i < src.length; i++) {
      src[i] = random.nextFloat();
      sum += src[i];
    }
    float[] out = MapResampler.resize(src, 97, 61, 30, 20);
    double outSum = 0;
    for (float v : out) {
      outSum += v;
    }
    assertEquals(sum / src.length, outSum / out.length, 1e-4);
  }

  @Test
  void enlargingInterpolatesBetweenCentresAndClampsAtEdges() {
    float[] out = MapResampler.resize(new float[] {0, 1}, 2, 1, 4, 1);
    // Half-pixel centres: positions -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1.
    assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, out, 1e-6f);
  }

  @Test
  void resizeIntoWritesOnlyTheTarget() {
    float[] canvas = new float[5 * 4];
    java.util.Arrays.fill(canvas, -1f);
    MapResampler.resizeInto(new float[] {1, 1, 1, 1}, 2, 2, canvas, 5, new Region(1, 1, 3, 2));
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        boolean inside = x >= 1 && x < 4 && y >= 1 && y < 3;
        assertEquals(inside ? 1f : -1f, canvas[y * 5 + x], 1e-6f, "at " + x + "," + y);
      }
    }
  }

  @Test
  void boxFilterMatchesBruteForce() {
    Random random = new Random(3);
    int w = 23;
    int h = 17;
    int r = 4;
    float[] src = new float[w * h];
    for (int i = 0; i < src.length; i++) {
      src[i] = random.nextFloat();
    }
    float[] fast = BoxFilter.mean(src, w, h, r);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double sum = 0;
        int n = 0;
        for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
          for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
            sum += src[yy * w + xx];
            n++;
          }
        }
        assertEquals(sum / n, fast[y * w + x], 1e-5);
      }
    }
  }

  @Test
  void alphaOutputEqualsQuantisedFloatResize() {
    Random random = new Random(11);
    float[] src = new float[31 * 17];
    for (int i = 0; i < src.length; i++) {
      src[i] = random.nextFloat();
    }
    float[] floats = MapResampler.resize(src, 31, 17, 90, 40);
    byte[] alpha = MapResampler.resizeToAlpha(src, 31, 17, 90, 40);
    for (int i = 0; i < alpha.length; i++) {
      assertEquals(Math.round(floats[i] * 255f), alpha[i] & 0xff, 1, "at " + i);
    }
  }

  @Test
  void shrinkingAnRgbImageKeepsItsColours() {
    byte[] rgb = new byte[40 * 20 * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) 200;
      rgb[i + 1] = (byte) ((i / 3) % 2 == 0 ? 0 : 100); // alternating columns average to 50
      rgb[i + 2] = 7;
    }
    io.humanseg.image.RgbImage small = RgbResize.shrink(new io.humanseg.image.RgbImage(40, 20, rgb), 10, 5);
    assertEquals(10, small.width());
    for (int i = 0; i < small.rgb().length; i += 3) {
      assertEquals(200, small.rgb()[i] & 0xff);
      assertEquals(50, small.rgb()[i + 1] & 0xff);
      assertEquals(7, small.rgb()[i + 2] & 0xff);
    }
  }
}
