package io.humanseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.humanseg.card.ModelCard;
import io.humanseg.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputTensorTest {
  /** A 4x2 image: left half pure red (200, 0, 0), right half (0, 100, 50). */
  private static RgbImage twoColours() {
    byte[] rgb = new byte[4 * 2 * 3];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        int i = (y * 4 + x) * 3;
        if (x < 2) {
          rgb[i] = (byte) 200;
        } else {
          rgb[i + 1] = 100;
          rgb[i + 2] = 50;
        }
      }
    }
    return new RgbImage(4, 2, rgb);
  }

  private static ModelCard.Input input(String layout, String order, double mean, double std) {
    List<Long> shape = "NCHW".equals(layout) ? List.of(1L, 3L, 1L, 2L) : List.of(1L, 1L, 2L, 3L);
    return new ModelCard.Input("x", layout, shape, order, 1 / 255.0, List.of(mean, mean, mean), List.of(std, std, std));
  }

  @Test
  void nchwRgbScaledToUnitRange() {
    ModelCard.Input in = input("NCHW", "RGB", 0, 1);
    float[] t = InputTensor.fill(twoColours(), Region.whole(4, 2), in, InputSize.of(in, 1, 1), Region.whole(2, 1), false);
    // Channel planes of a 2x1 input: R = [200, 0]/255, G = [0, 100]/255, B = [0, 50]/255.
    assertEquals(200 / 255f, t[0], 1e-6f);
    assertEquals(0f, t[1], 1e-6f);
    assertEquals(0f, t[2], 1e-6f);
    assertEquals(100 / 255f, t[3], 1e-6f);
    assertEquals(50 / 255f, t[5], 1e-6f);
  }

  @Test
  void nhwcBgrWithMeanAndStd() {
    ModelCard.Input in = input("NHWC", "BGR", 0.5, 0.25);
    float[] t = InputTensor.fill(twoColours(), Region.whole(4, 2), in, InputSize.of(in, 1, 1), Region.whole(2, 1), false);
    // Pixel 0 is (B, G, R) = (0, 0, 200): ((v / 255) - 0.5) / 0.25.
    assertEquals((0 - 0.5f) / 0.25f, t[0], 1e-5f);
    assertEquals((200 / 255f - 0.5f) / 0.25f, t[2], 1e-5f);
    assertEquals((50 / 255f - 0.5f) / 0.25f, t[3], 1e-5f);
  }

  @Test
  void mirrorSwapsLeftAndRight() {
    ModelCard.Input in = input("NCHW", "RGB", 0, 1);
    float[] t = InputTensor.fill(twoColours(), Region.whole(4, 2), in, InputSize.of(in, 1, 1), Region.whole(2, 1), true);
    assertEquals(0f, t[0], 1e-6f);
    assertEquals(200 / 255f, t[1], 1e-6f);
  }

  @Test
  void aRegionReadsOnlyItsPixels() {
    ModelCard.Input in = input("NCHW", "RGB", 0, 1);
    float[] t = InputTensor.fill(twoColours(), new Region(2, 0, 2, 2), in, InputSize.of(in, 1, 1), Region.whole(2, 1), false);
    assertEquals(0f, t[0], 1e-6f);
    assertEquals(100 / 255f, t[2], 1e-6f);
  }

  @Test
  void letterboxPadsWithBlack() {
    ModelCard.Input in =
        new ModelCard.Input("x", "NCHW", List.of(1L, 3L, 4L, 4L), "RGB", 1 / 255.0, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0));
    Region target = Letterbox.target(Region.whole(4, 2), 4, 4);
    assertEquals(new Region(0, 1, 4, 2), target);
    float[] t = InputTensor.fill(twoColours(), Region.whole(4, 2), in, InputSize.of(in, 1, 1), target, false);
    assertEquals(0f, t[0], 1e-6f); // row 0 is padding
    assertEquals(200 / 255f, t[4], 1e-6f); // row 1, red half
  }

  @Test
  void bandsSideBySideFillTheSameTensor() {
    byte[] rgb = new byte[301 * 207 * 3];
    new java.util.Random(4).nextBytes(rgb);
    RgbImage photo = new RgbImage(301, 207, rgb);
    for (String layout : List.of("NCHW", "NHWC")) {
      ModelCard.Input in = new ModelCard.Input("x", layout, List.of(1L, 3L, 96L, 96L), "BGR", 1 / 255.0,
          List.of(0.5, 0.4, 0.3), List.of(0.2, 0.3, 0.4));
      InputSize size = new InputSize(96, 96);
      for (Region region : List.of(Region.whole(301, 207), new Region(40, 30, 150, 170))) {
        Region target = Letterbox.target(region, 96, 96);
        float[] one = InputTensor.fill(photo, region, in, size, target, true, 1);
        for (int bands = 2; bands <= 4; bands++) {
          org.junit.jupiter.api.Assertions.assertArrayEquals(one,
              InputTensor.fill(photo, region, in, size, target, true, bands), layout + ", " + bands + " bands");
        }
      }
    }
  }
}
