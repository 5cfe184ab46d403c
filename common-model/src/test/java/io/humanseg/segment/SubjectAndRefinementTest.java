package io.humanseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectAndRefinementTest {
  @Test
  void subjectBoxIsMappedToImageCoordinates() {
    ProbabilityMap map = new ProbabilityMap(10, 10, new float[100]);
    // Map pixels (2, 3) to (5, 6) of a 10 x 10 map over a 100 x 200 image: 10 x 20 image pixels each.
    assertEquals(new Region(20, 60, 40, 80), SubjectBox.toImage(2, 3, 6, 7, map, Region.whole(100, 200)));
    // Over a region of the image, offset by it.
    assertEquals(new Region(14, 36, 8, 8), SubjectBox.toImage(2, 3, 6, 7, map, new Region(10, 30, 20, 20)));
  }

  @Test
  void cropGrowsByTheMarginAndStaysInsideTheImage() {
    assertEquals(new Region(35, 35, 30, 30), SubjectBox.crop(new Region(40, 40, 20, 20), 0.25, 100, 100));
    // Near the corner: moved inside, and cut where the image is smaller.
    assertEquals(new Region(0, 0, 30, 30), SubjectBox.crop(new Region(0, 0, 20, 20), 0.25, 100, 100));
    assertEquals(new Region(0, 0, 50, 40), SubjectBox.crop(new Region(0, 0, 40, 40), 0.5, 50, 40));
  }

  @Test
  void guidedFilterSnapsABlurryEdgeToThePhotosEdge() {
    int w = 40;
    int h = 8;
    byte[] rgb = new byte[w * h * 3];
    float[] map = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (x >= 20) {
          rgb[(y * w + x) * 3] = (byte) 255;
          rgb[(y * w + x) * 3 + 1] = (byte) 255;
          rgb[(y * w + x) * 3 + 2] = (byte) 255;
        }
        map[y * w + x] = Math.min(1f, Math.max(0f, (x - 14) / 12f)); // a ramp from x=14 to x=26
      }
    }
    float before = map[4 * w + 18];
    GuidedFilter.apply(new RgbImage(w, h, rgb), map, 4, 1e-4f);
    assertTrue(map[4 * w + 18] < before, "dark side moves towards 0");
    assertTrue(map[4 * w + 22] > 0.7f, "bright side moves towards 1: " + map[4 * w + 22]);
  }

  @Test
  void cropBlendReplacesInsideAndFadesAtInteriorEdges() {
    float[] canvas = new MapComposer(new ProbabilityMap(1, 1, new float[] {0f}),
        List.of(new MapComposer.Placed(new ProbabilityMap(1, 1, new float[] {1f}), new Region(0, 0, 10, 10))),
        20, 20, 20, 20).toFloats();
    assertEquals(1f, canvas[0], 1e-6f); // the image corner: no fade needed
    assertTrue(canvas[9] < 1f && canvas[9] > 0f, "fades towards the interior edge");
    assertEquals(0f, canvas[15], 1e-6f);
  }
}
