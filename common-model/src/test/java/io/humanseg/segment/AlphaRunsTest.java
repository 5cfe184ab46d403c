package io.humanseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.image.MaskBounds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The alpha's shortcut ({@link AlphaRuns}: bytes filled where they are certainly 0 or 255, computed
 * elsewhere) gives exactly the bytes of computing every pixel, which {@link MapComposer#toFloats()} still does.
 */
class AlphaRunsTest {
  /** A map like a model's: saturated background and person, soft edges, and values right at the cut-offs. */
  private static ProbabilityMap map(Random random, int w, int h) {
    float[] p = new float[w * h];
    double cx = random.nextDouble() * w;
    double cy = random.nextDouble() * h;
    double rx = 2 + random.nextDouble() * w / 2;
    double ry = 2 + random.nextDouble() * h / 2;
    double slope = 2 + random.nextDouble() * 40;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double d = Math.hypot((x - cx) / rx, (y - cy) / ry) - 1;
        float v = (float) (1 / (1 + Math.exp(slope * d)));
        switch (random.nextInt(45)) {
          case 0 -> v = AlphaRuns.LOW; // exactly at the cut-offs, and just inside them
          case 1 -> v = Math.nextDown(AlphaRuns.LOW);
          case 2 -> v = AlphaRuns.HIGH;
          case 3 -> v = Math.nextUp(AlphaRuns.HIGH);
          case 4 -> v = 1f;
          case 5 -> v = 0f;
          case 6 -> v = random.nextFloat();
          case 7 -> v = 1.00005f; // a little over 1 (maps are clamped to [0, 1]; this is defence), still certain
          case 8 -> v = 1.01f; // past the top: computed, whatever the bytes come to
          case 9 -> v = -2f; // below 0: computed (filled as 0 it would differ: it computes to byte 3)
          case 10 -> v = AlphaRuns.TOP;
          case 11 -> v = Float.POSITIVE_INFINITY;
          case 12 -> v = Float.NEGATIVE_INFINITY;
          default -> { }
        }
        p[y * w + x] = v;
      }
    }
    return new ProbabilityMap(w, h, p);
  }

  @Test
  void filledBytesAreTheComputedOnesOnEveryGrid() {
    Random random = new Random(5);
    long certain = 0;
    long all = 0;
    for (int trial = 0; trial < 200; trial++) {
      int mw = 8 + random.nextInt(60);
      int mh = 8 + random.nextInt(60);
      int workW = 20 + random.nextInt(200);
      int workH = 20 + random.nextInt(200);
      // Larger and smaller than the working grid: enlarging (two taps) and shrinking (area, more taps); crops
      // whose maps reach past their edges on the output grid (weights that do not sum to 1 there).
      int outW = Math.max(1, (int) (workW * (0.3 + random.nextDouble() * 4)));
      int outH = Math.max(1, (int) (workH * (0.3 + random.nextDouble() * 4)));
      List<MapComposer.Placed> crops = new ArrayList<>();
      for (int c = random.nextInt(4); c > 0; c--) { // 0-3 crops, overlapping or not, some at the edges
        int cw = 1 + random.nextInt(workW);
        int ch = 1 + random.nextInt(workH);
        Region crop = new Region(random.nextInt(workW - cw + 1), random.nextInt(workH - ch + 1), cw, ch);
        crops.add(new MapComposer.Placed(map(random, 4 + random.nextInt(40), 4 + random.nextInt(40)), crop));
      }
      MapComposer composer = new MapComposer(map(random, mw, mh), crops, workW, workH, outW, outH);
      float[] floats = composer.toFloats();
      for (int bands : new int[] {1, 3}) {
        MapComposer.Alpha composed = composer.toAlpha(bands);
        byte[] alpha = composed.mask().alpha();
        // The person share is counted along the runs; it is the share of bytes at 128 or more.
        assertEquals((double) MaskBounds.of(alpha, outW, outH, 128).pixels() / alpha.length,
            composed.foregroundShare(), 1e-15, "trial " + trial + ", bands " + bands);
        for (int i = 0; i < floats.length; i++) {
          int expected = (byte) (int) (floats[i] * 255f + 0.5f) & 0xff;
          if (expected != (alpha[i] & 0xff)) { // the message only when it fails: it lists the whole setup
            assertEquals(expected, alpha[i] & 0xff, "trial " + trial + ", bands " + bands + ", pixel " + i
                + " (x " + i % outW + ", y " + i / outW + ") map " + mw + "x" + mh + " work " + workW + "x" + workH
                + " out " + outW + "x" + outH + " crops "
                + crops.stream().map(c -> c.crop() + " map " + c.map().width() + "x" + c.map().height()).toList());
          }
        }
      }
      for (float v : floats) {
        certain += v < AlphaRuns.LOW || v > AlphaRuns.HIGH ? 1 : 0;
      }
      all += floats.length;
    }
    assertTrue(certain > all / 3, "the maps exercise the filled runs: " + certain + " of " + all);
  }

  @Test
  void aNaNInTheMapIsComputedNotFilled() {
    float[] p = new float[16 * 16];
    Arrays.fill(p, 1f);
    p[5 * 16 + 7] = Float.NaN; // in a person of certain ones: filled as 255 it would differ (NaN computes to 0)
    assertFilledAsComputed(new MapComposer(new ProbabilityMap(16, 16, p), List.of(), 16, 16, 64, 64));
  }

  @Test
  void aLongAreaMeanIsComputedNotFilled() {
    // Shrinking a 3889 px map to 2 px: float sums of about 1945 terms each way stray from the mean by more than the
    // cut-offs' margin, so values just above HIGH compute to 254.
    int side = 3889;
    float[] p = new float[side * side];
    Arrays.fill(p, Math.nextUp(AlphaRuns.HIGH));
    assertFilledAsComputed(new MapComposer(new ProbabilityMap(side, side, p), List.of(), 2, 2, 2, 2));
  }

  @Test
  void runsJoinAndOverlay() {
    AlphaRuns under = new AlphaRuns();
    under.add(0, 10, AlphaRuns.NONE);
    under.add(10, 20, AlphaRuns.NONE); // joined with the run before
    under.add(20, 30, AlphaRuns.FULL);
    assertEquals(2, under.count);
    AlphaRuns over = new AlphaRuns();
    over.add(0, 5, AlphaRuns.NONE);
    over.add(5, 15, AlphaRuns.FULL);
    AlphaRuns out = new AlphaRuns();
    AlphaRuns.overlay(under, over, 8, out); // over covers columns 8-22
    assertEquals("0-13:0 13-20:1 20-30:2", text(out), "full over none is computed; alike stays certain");
    AlphaRuns.overlay(under, over, 15, out); // covers 15-29, agreeing everywhere
    assertEquals("0-20:0 20-30:2", text(out));
  }

  /** Every byte of the alpha is the one computing every pixel gives. */
  private static void assertFilledAsComputed(MapComposer composer) {
    float[] floats = composer.toFloats();
    byte[] alpha = composer.toAlpha(1).mask().alpha();
    for (int i = 0; i < floats.length; i++) {
      assertEquals((byte) (int) (floats[i] * 255f + 0.5f), alpha[i], "pixel " + i);
    }
  }

  private static String text(AlphaRuns runs) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < runs.count; i++) {
      s.append(i == 0 ? "" : " ").append(runs.start[i]).append('-').append(runs.end[i]).append(':')
          .append(runs.kind[i]);
    }
    return s.toString();
  }
}
