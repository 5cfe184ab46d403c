package io.humanseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.image.MaskBounds;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Second-pass crops per group of people, on maps whose groups are known by construction. */
class SubjectClustersTest {
  private static final int SIDE = 100;
  private static final Region IMAGE = Region.whole(400, 400); // 4 working pixels per map pixel

  private static ProbabilityMap map(int[]... rects) {
    float[] p = new float[SIDE * SIDE];
    for (int[] r : rects) {
      for (int y = r[1]; y < r[3]; y++) {
        for (int x = r[0]; x < r[2]; x++) {
          p[y * SIDE + x] = 0.9f;
        }
      }
    }
    return new ProbabilityMap(SIDE, SIDE, p);
  }

  private static List<Region> crops(ProbabilityMap map, int maxCrops) {
    return SubjectClusters.crops(map, IMAGE, 0.5f, 0.15, 400, 400, maxCrops);
  }

  @Test
  void componentsAreEightConnectedAndBoxedExactly() {
    // Two rectangles, one of them touching a third only at a corner (one group), and a lone pixel.
    ProbabilityMap m = map(new int[] {10, 10, 20, 30}, new int[] {20, 30, 25, 35}, new int[] {60, 60, 70, 62},
        new int[] {90, 5, 91, 6});
    List<int[]> boxes = SubjectClusters.components(m, 0.5f);
    assertEquals(3, boxes.size());
    assertEquals(List.of("90,5,91,6", "10,10,25,35", "60,60,70,62"), // in the order first met, row by row
        boxes.stream().map(b -> b[0] + "," + b[1] + "," + b[2] + "," + b[3]).toList());
  }

  @Test
  void aUShapeIsOneComponent() {
    // Its arms meet only at the bottom: labelling row by row must join them when the bottom row is reached.
    ProbabilityMap m = map(new int[] {10, 10, 12, 40}, new int[] {30, 10, 32, 40}, new int[] {10, 40, 32, 42});
    assertEquals(1, SubjectClusters.components(m, 0.5f).size());
  }

  @Test
  void oneGroupGetsTheSameCropAsTheBoxAroundAllForeground() {
    // Two people close enough that their crops touch: one crop, exactly the single-box crop of before.
    ProbabilityMap m = map(new int[] {20, 20, 40, 80}, new int[] {44, 25, 60, 80});
    MaskBounds all = MaskBounds.of(m.values(), SIDE, SIDE, 0.5f);
    Region single = SubjectBox.crop(SubjectBox.toImage(all.left(), all.top(), all.right(), all.bottom(), m, IMAGE), 0.15,
        400, 400);
    assertEquals(List.of(single), crops(m, 3));
    assertEquals(List.of(single), crops(m, 1), "one crop at most: everybody in it");
  }

  @Test
  void peopleApartGetACropEachNoneOverlapping() {
    ProbabilityMap m = map(new int[] {5, 40, 15, 90}, new int[] {80, 10, 95, 40});
    List<Region> crops = crops(m, 3);
    assertEquals(2, crops.size());
    assertFalse(SubjectClusters.overlap(crops.get(0), crops.get(1)));
    assertTrue(crops.stream().mapToLong(Region::area).sum() < 0.5 * IMAGE.area(), "each crop is small: " + crops);
  }

  @Test
  void beyondTheBoundTheNearestGroupsShareACrop() {
    // Four people apart: two at the top close together (but not touching), two far apart at the bottom.
    ProbabilityMap m = map(new int[] {5, 5, 10, 15}, new int[] {25, 5, 30, 15}, new int[] {5, 80, 10, 95},
        new int[] {85, 80, 90, 95});
    assertEquals(4, crops(m, 4).size());
    List<Region> three = crops(m, 3);
    assertEquals(3, three.size());
    Region top = SubjectClusters.span(new Region(20, 20, 20, 40), new Region(100, 20, 20, 40));
    assertTrue(three.stream().anyMatch(c -> contains(c, top)), "the two at the top share one: " + three);
  }

  @Test
  void randomMapsGiveDisjointCropsCoveringEveryComponentButSpecks() {
    Random random = new Random(3);
    for (int trial = 0; trial < 40; trial++) {
      float[] p = new float[SIDE * SIDE];
      for (int k = 0; k < 1 + random.nextInt(8); k++) {
        int x = random.nextInt(SIDE - 10);
        int y = random.nextInt(SIDE - 10);
        int w = 1 + random.nextInt(10);
        int h = 1 + random.nextInt(10);
        for (int yy = y; yy < y + h; yy++) {
          for (int xx = x; xx < x + w; xx++) {
            p[yy * SIDE + xx] = 1;
          }
        }
      }
      int max = 1 + random.nextInt(4);
      List<Region> crops = crops(new ProbabilityMap(SIDE, SIDE, p), max);
      assertTrue(crops.size() >= 1 && crops.size() <= max, "trial " + trial + ": " + crops.size() + " crops");
      for (int i = 0; i < crops.size(); i++) {
        for (int j = i + 1; j < crops.size(); j++) {
          assertFalse(SubjectClusters.overlap(crops.get(i), crops.get(j)), "trial " + trial + ": " + crops);
        }
      }
      // Every component but the specks lies in a crop.
      List<int[]> components = SubjectClusters.components(new ProbabilityMap(SIDE, SIDE, p), 0.5f);
      int largest = components.stream().mapToInt(c -> c[4]).max().orElseThrow();
      for (int[] c : components) {
        if (c[4] >= SubjectClusters.SPECK * largest) {
          Region box = new Region(4 * c[0], 4 * c[1], 4 * (c[2] - c[0]), 4 * (c[3] - c[1]));
          assertTrue(crops.stream().anyMatch(crop -> contains(crop, box)), "trial " + trial + ": " + box);
        }
      }
    }
  }

  @Test
  void aSpeckGetsNoCropOfItsOwn() {
    // A person, and one stray pixel far from them: one crop, the person's alone.
    ProbabilityMap person = map(new int[] {30, 20, 60, 90});
    ProbabilityMap withSpeck = map(new int[] {30, 20, 60, 90}, new int[] {95, 2, 96, 3});
    assertEquals(crops(person, 3), crops(withSpeck, 3));
    // A second person a seventh of the first one's size does get one.
    assertEquals(2, crops(map(new int[] {30, 20, 60, 90}, new int[] {80, 5, 95, 25}), 3).size());
  }

  @Test
  void aSpeckledMapIsBoundedAndStillGivesDisjointCrops() {
    // A halftone-like map: thousands of equal dots, none a speck of another.
    int side = 512;
    float[] p = new float[side * side];
    for (int y = 0; y < side; y += 8) {
      for (int x = 0; x < side; x += 8) {
        p[y * side + x] = 1;
      }
    }
    ProbabilityMap dots = new ProbabilityMap(side, side, p);
    assertEquals(64 * 64, SubjectClusters.components(dots, 0.5f).size());
    List<Region> crops = SubjectClusters.crops(dots, Region.whole(1024, 1024), 0.5f, 0.15, 1024, 1024, 3);
    assertTrue(crops.size() >= 1 && crops.size() <= 3, crops.toString());
    for (int i = 0; i < crops.size(); i++) {
      for (int j = i + 1; j < crops.size(); j++) {
        assertFalse(SubjectClusters.overlap(crops.get(i), crops.get(j)), crops.toString());
      }
    }
  }

  @Test
  void cropsOfARegionAreInTheImagesCoordinates() {
    // The map covers the region (200, 100, 200, 200) of a 400 x 400 image: 2 image pixels per map pixel.
    ProbabilityMap m = map(new int[] {10, 10, 20, 30});
    Region box = SubjectBox.toImage(10, 10, 20, 30, m, new Region(200, 100, 200, 200));
    assertEquals(new Region(220, 120, 20, 40), box);
    assertEquals(List.of(SubjectBox.crop(box, 0.15, 400, 400)),
        SubjectClusters.crops(m, new Region(200, 100, 200, 200), 0.5f, 0.15, 400, 400, 3));
  }

  @Test
  void nothingAboveTheThresholdNoCrop() {
    assertTrue(crops(map(), 3).isEmpty());
  }

  private static boolean contains(Region outer, Region inner) {
    return outer.x() <= inner.x() && outer.y() <= inner.y() && inner.x() + inner.width() <= outer.x() + outer.width()
        && inner.y() + inner.height() <= outer.y() + outer.height();
  }
}
