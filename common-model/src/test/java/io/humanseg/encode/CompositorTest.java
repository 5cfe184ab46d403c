package io.humanseg.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class CompositorTest {
  private static final int W = 64;
  private static final int H = 48;

  /** Left third alpha 255, middle third 128, right third 0. */
  private static AlphaMask thirds() {
    byte[] a = new byte[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        a[y * W + x] = (byte) (x < W / 3 ? 255 : x < 2 * W / 3 ? 128 : 0);
      }
    }
    return new AlphaMask(W, H, a);
  }

  @Test
  void div255RoundsToNearestOverItsWholeRange() {
    for (int x = 0; x <= 255 * 255; x++) {
      assertEquals(Math.round(x / 255.0), Compositor.div255(x), "x=" + x);
    }
  }

  @Test
  void colourBlendIsExactAtFullAndZeroAlphaAndWithinOneAtHalf() {
    RgbImage photo = Images.solid(W, H, 200, 100, 50);
    Background.Color bg = new Background.Color(10, 20, 250);
    RgbImage out = Compositor.composite(photo, thirds(), bg);
    for (OutputFormat format : new OutputFormat[] {OutputFormat.PNG, OutputFormat.JPEG}) {
      EncodedResult result = new ResultEncoder().encode(photo, thirds(), EncodeOptions.composite(bg, format));
      BufferedImage read = Images.decode(result.bytes());
      assertEquals(W, read.getWidth());
      assertEquals(H, read.getHeight());
      assertTrue(!read.getColorModel().hasAlpha());
      // JPEG is lossy (and subsamples chroma): check the middle of each third, with a tolerance.
      int tolerance = format == OutputFormat.PNG ? 0 : 4;
      assertNear(new int[] {200, 100, 50}, Images.rgbAt(read, W / 6, H / 2), tolerance);
      assertNear(new int[] {10, 20, 250}, Images.rgbAt(read, 5 * W / 6, H / 2), tolerance);
      int[] half = {Math.round((200 * 128 + 10 * 127) / 255f), Math.round((100 * 128 + 20 * 127) / 255f),
          Math.round((50 * 128 + 250 * 127) / 255f)};
      assertNear(half, Images.rgbAt(read, W / 2, H / 2), Math.max(1, tolerance));
    }
    assertEquals(200, out.rgb()[0] & 0xff);
    assertEquals(250, out.rgb()[3 * (W - 1) + 2] & 0xff);
  }

  @Test
  void backgroundImageIsScaledToCoverAndCentred() {
    // 300x100: red, green, blue thirds. A square output keeps only the green middle.
    byte[] rgb = new byte[3 * 300 * 100];
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 300; x++) {
        rgb[3 * (y * 300 + x) + (x < 100 ? 0 : x < 200 ? 1 : 2)] = (byte) 255;
      }
    }
    RgbImage wide = new RgbImage(300, 100, rgb);
    assertEquals(new BoundingBox(100, 0, 100, 100), CoverScale.sourceRegion(300, 100, 100, 100));
    RgbImage square = CoverScale.cover(wide, 100, 100);
    for (int i = 0; i < square.rgb().length; i += 3) {
      assertArrayEquals(new byte[] {0, (byte) 255, 0}, new byte[] {square.rgb()[i], square.rgb()[i + 1],
          square.rgb()[i + 2]}, "pixel " + i / 3);
    }

    // Shrinking 300x100 to 60x40 (aspect 1.5): scale 0.4, source 150x100 from x=75: red 75-99, green, blue 200-224.
    assertEquals(new BoundingBox(75, 0, 150, 100), CoverScale.sourceRegion(300, 100, 60, 40));
    RgbImage small = CoverScale.cover(wide, 60, 40);
    assertEquals(60, small.width());
    assertEquals(40, small.height());
    assertArrayEquals(new int[] {255, 0, 0}, rgb(small, 2, 20));
    assertArrayEquals(new int[] {0, 255, 0}, rgb(small, 30, 20));
    assertArrayEquals(new int[] {0, 0, 255}, rgb(small, 57, 20));

    // Enlarging a tall 10x40 to 40x20: scale 4, source 10x5 rows 17-21: the picture's middle.
    assertEquals(new BoundingBox(0, 17, 10, 5), CoverScale.sourceRegion(10, 40, 40, 20));
    byte[] tall = new byte[3 * 10 * 40];
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 10; x++) {
        tall[3 * (y * 10 + x)] = (byte) (y < 10 || y >= 30 ? 255 : 0);
      }
    }
    RgbImage enlarged = CoverScale.cover(new RgbImage(10, 40, tall), 40, 20);
    for (int i = 0; i < enlarged.rgb().length; i++) {
      assertEquals(0, enlarged.rgb()[i], "only the black middle is kept");
    }

    // Through the compositor: pure background where alpha is 0, the photo where it is 255.
    RgbImage photo = Images.solid(60, 40, 1, 2, 3);
    byte[] a = new byte[60 * 40];
    a[0] = (byte) 255;
    RgbImage out = Compositor.composite(photo, new AlphaMask(60, 40, a), new Background.Image(wide));
    assertArrayEquals(new int[] {1, 2, 3}, rgb(out, 0, 0));
    assertArrayEquals(new int[] {0, 255, 0}, rgb(out, 30, 20));
  }

  @Test
  void sameSizeBackgroundImageIsNotOverwritten() {
    RgbImage bg = Images.solid(W, H, 9, 9, 9);
    byte[] before = bg.rgb().clone();
    Compositor.composite(Images.solid(W, H, 200, 0, 0), thirds(), new Background.Image(bg));
    assertArrayEquals(before, bg.rgb());
  }

  @Test
  void blurBlursTheBackgroundAndKeepsThePerson() {
    int w = 400;
    int h = 300;
    RgbImage photo = Images.noise(w, h, 42);
    AlphaMask mask = Images.ellipse(w, h, 4);
    for (double radius : new double[] {2, 8, 40}) {
      RgbImage out = Compositor.composite(photo, mask, new Background.Blur(radius));
      double before = 0;
      double after = 0;
      int n = 0;
      for (int p = 0; p < w * h; p++) {
        int a = mask.alpha()[p] & 0xff;
        if (a == 255) {
          for (int c = 0; c < 3; c++) {
            assertEquals(photo.rgb()[3 * p + c], out.rgb()[3 * p + c], "person pixel changed");
          }
        } else if (a == 0) {
          before += variance(photo.rgb(), p);
          after += variance(out.rgb(), p);
          n++;
        }
      }
      assertTrue(n > 1000);
      // Uniform noise has variance about 5400 per channel; a blur of radius r divides it by about 4 pi r^2.
      assertTrue(after < before / 10, "radius " + radius + ": variance " + after / n + " vs " + before / n);
    }
    // A flat picture stays flat.
    RgbImage flat = BackgroundBlur.blur(Images.solid(w, h, 77, 88, 99), 25);
    for (int i = 0; i < flat.rgb().length; i += 3) {
      assertNear(new int[] {77, 88, 99}, new int[] {flat.rgb()[i] & 0xff, flat.rgb()[i + 1] & 0xff,
          flat.rgb()[i + 2] & 0xff}, 1);
    }
  }

  @Test
  void blurIsCloseToAFullSizeGaussian() {
    // Squares of random colour: edges everywhere, so any error in the blur's width shows.
    int w = 480;
    int h = 360;
    java.util.Random random = new java.util.Random(9);
    byte[] rgb = new byte[3 * w * h];
    int[][] colours = new int[(w / 30 + 1) * (h / 30 + 1)][3];
    for (int[] c : colours) {
      for (int i = 0; i < 3; i++) {
        c[i] = random.nextInt(256);
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int[] c = colours[(y / 30) * (w / 30 + 1) + x / 30];
        for (int i = 0; i < 3; i++) {
          rgb[3 * (y * w + x) + i] = (byte) c[i];
        }
      }
    }
    RgbImage image = new RgbImage(w, h, rgb);
    for (double sigma : new double[] {1, 3, 6, 12, 30}) {
      RgbImage ours = BackgroundBlur.blur(image, sigma);
      org.opencv.core.Mat src = OpenCv.mat(image);
      org.opencv.core.Mat ref = new org.opencv.core.Mat();
      org.opencv.imgproc.Imgproc.GaussianBlur(src, ref, new org.opencv.core.Size(0, 0), sigma);
      byte[] expected = new byte[rgb.length];
      ref.get(0, 0, expected);
      src.release();
      ref.release();
      // Away from the border, where OpenCV's border rules differ between resize and blur.
      int margin = (int) Math.ceil(2 * sigma);
      double sum = 0;
      int n = 0;
      for (int y = margin; y < h - margin; y++) {
        for (int x = 3 * margin; x < 3 * (w - margin); x++) {
          sum += Math.abs((ours.rgb()[3 * y * w + x] & 0xff) - (expected[3 * y * w + x] & 0xff));
          n++;
        }
      }
      double mean = sum / n;
      System.out.printf(java.util.Locale.ROOT, "blur sigma %.0f: mean |ours - Gaussian| %.2f%n", sigma, mean);
      assertTrue(mean < 1.5, "sigma " + sigma + ": mean difference " + mean);
    }
  }

  private static double variance(byte[] rgb, int p) {
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      double d = (rgb[3 * p + c] & 0xff) - 127.5;
      sum += d * d;
    }
    return sum / 3;
  }

  private static int[] rgb(RgbImage image, int x, int y) {
    int i = 3 * (y * image.width() + x);
    return new int[] {image.rgb()[i] & 0xff, image.rgb()[i + 1] & 0xff, image.rgb()[i + 2] & 0xff};
  }

  private static void assertNear(int[] expected, int[] actual, int tolerance) {
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(expected[c] - actual[c]) <= tolerance,
          "channel " + c + ": expected " + expected[c] + " ± " + tolerance + ", got " + actual[c]);
    }
  }
}
