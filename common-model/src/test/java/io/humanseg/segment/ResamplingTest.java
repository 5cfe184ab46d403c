package io.humanseg.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    float[] out = resize(src, 4, 4, 2, 2);
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
    float[] out = resize(src, 97, 61, 30, 20);
    double outSum = 0;
    for (float v : out) {
      outSum += v;
    }
    assertEquals(sum / src.length, outSum / out.length, 1e-4);
  }

  @Test
  void enlargingInterpolatesBetweenCentresAndClampsAtEdges() {
    float[] out = resize(new float[] {0, 1}, 2, 1, 4, 1);
    // Half-pixel centres: positions -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1.
    assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, out, 1e-6f);
  }

  @Test
  void aSecondMapChangesOnlyItsCrop() {
    ProbabilityMap zeros = new ProbabilityMap(1, 1, new float[] {0f});
    ProbabilityMap ones = new ProbabilityMap(2, 2, new float[] {1, 1, 1, 1});
    float[] canvas = new MapComposer(zeros, placed(ones, new Region(1, 1, 3, 2)), 5, 4, 5, 4).toFloats();
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        boolean inside = x >= 1 && x < 4 && y >= 1 && y < 3;
        float v = canvas[y * 5 + x];
        assertTrue(inside ? v > 0 : v == 0f, "at " + x + "," + y + ": " + v);
      }
    }
  }

  @Test
  void onAFinerGridTheCropCoversTheSameShareOfTheImage() {
    ProbabilityMap zeros = new ProbabilityMap(1, 1, new float[] {0f});
    ProbabilityMap ones = new ProbabilityMap(1, 1, new float[] {1f});
    // The crop is the left half of a 10x10 working image, touching three image edges; output 3 times finer.
    float[] canvas = new MapComposer(zeros, placed(ones, new Region(0, 0, 5, 10)), 10, 10, 30, 30).toFloats();
    for (int y = 0; y < 30; y++) {
      assertEquals(1f, canvas[y * 30], 1e-6f, "image edge, row " + y);
      assertEquals(0f, canvas[y * 30 + 15], 1e-6f, "right of the crop, row " + y);
      assertTrue(canvas[y * 30 + 14] > 0f && canvas[y * 30 + 14] < 1f, "fades towards the interior edge");
    }
  }

  @Test
  void composingOnTheOutputGridMatchesEnlargingTheWorkingCanvas() {
    // What the one resampling replaces: the canvas at working size, then enlarged. Smooth maps agree closely,
    // except in the cross-fade (2 working pixels here) and a pixel beyond it: the enlarged canvas interpolated
    // the fade between working pixels, the output grid computes it at each output pixel.
    ProbabilityMap first = smooth(32, 24, 1);
    ProbabilityMap second = smooth(16, 16, 2);
    Region crop = new Region(20, 10, 40, 30);
    float[] canvas = new MapComposer(first, placed(second, crop), 80, 60, 80, 60).toFloats();
    float[] enlarged = resize(canvas, 80, 60, 200, 150);
    float[] direct = new MapComposer(first, placed(second, crop), 80, 60, 200, 150).toFloats();
    for (int y = 0; y < 150; y++) {
      for (int x = 0; x < 200; x++) {
        double wx = (x + 0.5) / 2.5;
        double wy = (y + 0.5) / 2.5;
        boolean nearEdge = Math.min(Math.abs(wx - 20), Math.abs(wx - 60)) < 3 && wy > 7 && wy < 43
            || Math.min(Math.abs(wy - 10), Math.abs(wy - 40)) < 3 && wx > 17 && wx < 63;
        assertEquals(enlarged[y * 200 + x], direct[y * 200 + x], nearEdge ? 0.1f : 0.01f, "at " + x + "," + y);
      }
    }
  }

  @Test
  void cropsArePastedInOrderEachOverWhatLiesUnder() {
    ProbabilityMap zeros = new ProbabilityMap(1, 1, new float[] {0f});
    ProbabilityMap half = new ProbabilityMap(1, 1, new float[] {0.5f});
    ProbabilityMap ones = new ProbabilityMap(1, 1, new float[] {1f});
    // Two overlapping tiles of a 40x40 image, touching its left and top edges: the later one wins inside it.
    float[] canvas = new MapComposer(zeros, List.of(new MapComposer.Placed(half, new Region(0, 0, 24, 24)),
        new MapComposer.Placed(ones, new Region(0, 0, 16, 40))), 40, 40, 40, 40).toFloats();
    assertEquals(1f, canvas[5 * 40 + 5], 1e-6f); // inside both: the later tile
    assertEquals(0.5f, canvas[5 * 40 + 20], 1e-6f); // the first tile only
    assertEquals(0f, canvas[30 * 40 + 30], 1e-6f); // neither
    assertEquals(1f, canvas[30 * 40 + 5], 1e-6f); // the later tile only, down to the image's edge
  }

  @Test
  void bandsSideBySideGiveTheSameAlpha() {
    MapComposer composer = new MapComposer(smooth(32, 24, 1), placed(smooth(16, 16, 2), new Region(20, 10, 40, 30)),
        80, 60, 203, 151);
    byte[] one = composer.toAlpha(1).mask().alpha();
    for (int bands = 2; bands <= 5; bands++) {
      assertArrayEquals(one, composer.toAlpha(bands).mask().alpha(), bands + " bands");
    }
  }

  private static ProbabilityMap smooth(int w, int h, int seed) {
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        v[y * w + x] = (float) (0.5 + 0.5 * Math.sin(seed + 0.3 * x) * Math.cos(0.2 * y));
      }
    }
    return new ProbabilityMap(w, h, v);
  }

  private static float[] resize(float[] src, int w, int h, int dw, int dh) {
    return new MapComposer(new ProbabilityMap(w, h, src), List.of(), w, h, dw, dh).toFloats();
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
  void alphaOutputEqualsQuantisedFloats() {
    Random random = new Random(11);
    float[] src = new float[31 * 17];
    for (int i = 0; i < src.length; i++) {
      src[i] = random.nextFloat();
    }
    MapComposer composer = new MapComposer(new ProbabilityMap(31, 17, src), List.of(), 31, 17, 90, 40);
    float[] floats = composer.toFloats();
    MapComposer.Alpha alpha = composer.toAlpha(1);
    long person = 0;
    for (int i = 0; i < floats.length; i++) {
      assertEquals(Math.round(floats[i] * 255f), alpha.mask().alpha()[i] & 0xff,
          "at " + i);
      person += floats[i] >= 0.5f ? 1 : 0;
    }
    assertEquals((double) person / floats.length, alpha.foregroundShare(), 1e-12);
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

  private static List<MapComposer.Placed> placed(ProbabilityMap map, Region crop) {
    return List.of(new MapComposer.Placed(map, crop));
  }
}
