package io.humanseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The mask confidence on maps whose trustworthiness is known by construction. */
class MaskConfidenceTest {
  private static final int SIDE = 64;

  /** A disc of the given radius in a square map; probability falls from 1 to 0 over {@code edge} pixels. */
  private static ProbabilityMap disc(int side, double radius, double edge) {
    float[] p = new float[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double d = Math.hypot(x + 0.5 - side / 2.0, y + 0.5 - side / 2.0) - radius;
        p[y * side + x] = edge == 0 ? (d <= 0 ? 1f : 0f)
            : (float) Math.max(0, Math.min(1, 0.5 - d / edge));
      }
    }
    return new ProbabilityMap(side, side, p);
  }

  private static double alone(ProbabilityMap map) {
    return MaskConfidence.of(map, List.of(), map.width() * 4, map.height() * 4);
  }

  @Test
  void aMapWithNaNInItHasNoConfidence() {
    ProbabilityMap map = disc(SIDE, 20, 4);
    map.values()[map.values().length / 2] = Float.NaN; // inside the disc: the sums become NaN
    assertEquals(0.0, alone(map), "a NaN confidence would reach headers, metrics and manifests");
  }

  @Test
  void aCrispMapIsTrustedFullyAndASoftEdgeLess() {
    assertEquals(1.0, alone(disc(SIDE, 20, 0)), 1e-12, "all 0 and 1: the mask is what the model is sure of");
    double sharp = alone(disc(SIDE, 20, 2));
    double soft = alone(disc(SIDE, 20, 12));
    assertTrue(sharp > 0.9 && sharp < 1, "a 2 px edge: " + sharp);
    assertTrue(soft < sharp - 0.1, "a 12 px uncertain band lowers it: " + soft + " vs " + sharp);
  }

  @Test
  void theSameEdgeCountsMoreAroundASmallerPerson() {
    double large = alone(disc(SIDE, 24, 6));
    double small = alone(disc(SIDE, 6, 6));
    assertTrue(small < large - 0.2, "the uncertain band relative to the foreground: " + small + " vs " + large);
  }

  @Test
  void aHesitantMapScoresLowAndEveryMapStaysInZeroToOne() {
    Random random = new Random(7);
    float[] noise = new float[SIDE * SIDE];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = 0.3f + 0.4f * random.nextFloat(); // everything between 0.3 and 0.7
    }
    double hesitant = alone(new ProbabilityMap(SIDE, SIDE, noise));
    assertTrue(hesitant < 0.5, "a map of near coin flips: " + hesitant);
    for (int trial = 0; trial < 50; trial++) {
      float[] p = new float[SIDE * SIDE];
      for (int i = 0; i < p.length; i++) {
        p[i] = random.nextInt(3) == 0 ? random.nextInt(2) : random.nextFloat();
      }
      double c = alone(new ProbabilityMap(SIDE, SIDE, p));
      assertTrue(c >= 0 && c <= 1, "trial " + trial + ": " + c);
    }
    assertEquals(0.0, alone(new ProbabilityMap(SIDE, SIDE, new float[SIDE * SIDE])), "no person: nothing to trust");
  }

  @Test
  void theSecondPassSpeaksForItsCropAndTheFirstForTheRest() {
    // A working image of 256 x 256, a first map of 64 x 64 (4 px each), a crop of its middle 128 x 128.
    Region crop = new Region(64, 64, 128, 128);
    ProbabilityMap blurred = disc(SIDE, 8, 8); // all the person and all the doubt lie inside the crop
    ProbabilityMap crisp = disc(SIDE, 24, 0); // the crop's own look: the same person at twice the scale, sure
    double firstOnly = alone(blurred);
    double withSecond = MaskConfidence.of(blurred, placed(crisp, crop), 256, 256);
    assertEquals(1.0, withSecond, 1e-9, "outside the crop the first map is 0, inside the crisp map rules");
    assertTrue(firstOnly < 0.8, "the first map alone is unsure: " + firstOnly);
    // And the other way round: a hesitant second map pulls a crisp first map down.
    double worse = MaskConfidence.of(disc(SIDE, 12, 0), placed(disc(SIDE, 24, 24), crop), 256, 256);
    assertTrue(worse < 0.9, "a hesitant second pass: " + worse);
    // Each map's pixels count by the area they cover: a second map twice as fine weighs the same.
    assertEquals(MaskConfidence.of(disc(SIDE, 12, 0), placed(disc(SIDE, 24, 24), crop), 256, 256),
        MaskConfidence.of(disc(SIDE, 12, 0), placed(disc(2 * SIDE, 48, 48), crop), 256, 256), 0.01);
  }

  @Test
  void cropsApartEachSpeakForTheirOwnArea() {
    // A first map (64 x 64 over a 256 x 256 working image) unsure everywhere; two crops, each a half of it.
    float[] v = new float[SIDE * SIDE];
    Arrays.fill(v, 0.6f);
    ProbabilityMap first = new ProbabilityMap(SIDE, SIDE, v);
    Region a = new Region(0, 0, 128, 256);
    Region b = new Region(128, 0, 128, 256);
    ProbabilityMap crisp = disc(SIDE, 24, 0);
    double both = MaskConfidence.of(first, List.of(new MapComposer.Placed(crisp, a), new MapComposer.Placed(crisp, b)),
        256, 256);
    assertEquals(1.0, both, 1e-9, "the crops cover everything and are sure");
    double one = MaskConfidence.of(first, placed(crisp, a), 256, 256);
    assertTrue(one < both && one > alone(first), "one sure crop, one blurred half: " + one + " vs " + alone(first));
    // The order the crops are given in does not matter.
    Region top = new Region(0, 0, 256, 64);
    Region bottom = new Region(0, 192, 256, 64);
    MapComposer.Placed up = new MapComposer.Placed(crisp, top);
    MapComposer.Placed down = new MapComposer.Placed(crisp, bottom);
    assertEquals(MaskConfidence.of(first, List.of(up, down), 256, 256),
        MaskConfidence.of(first, List.of(down, up), 256, 256), 1e-12);
  }

  private static List<MapComposer.Placed> placed(ProbabilityMap map, Region crop) {
    return List.of(new MapComposer.Placed(map, crop));
  }
}
