package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Every supported format and variant decodes to the right size and colours. */
class ImageDecoderFormatsTest {
  private static final int W = 64;
  private static final int H = 48;

  private final ImageDecoder decoder = new ImageDecoder();

  @Test
  void baselineJpeg() {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(W, H), false);
    assertTrue(hasMarker(jpeg, 0xc0), "writer produced a baseline frame");
    assertQuadrants(decoder.decode(jpeg), 12);
    assertQuadrants(decoder.decode(jpeg, W / 2, H / 2), 16);
  }

  @Test
  void progressiveJpeg() {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(W, H), true);
    assertTrue(hasMarker(jpeg, 0xc2), "writer produced a progressive frame");
    assertQuadrants(decoder.decode(jpeg), 12);
    assertQuadrants(decoder.decode(jpeg, W / 4, H / 4), 16);
  }

  @Test
  void embeddedColourProfilesAreNotApplied() {
    // Pixels are the decoded values whatever profile is embedded, identical at every scale and in every backend.
    byte[] plain = TestImages.jpeg(TestImages.gradient(W, H));
    RgbImage expected = decoder.decode(plain);
    for (int space : new int[] {ColorSpace.CS_sRGB, ColorSpace.CS_LINEAR_RGB}) {
      byte[] tagged = TestImages.withIccProfile(plain, ICC_Profile.getInstance(space).getData());
      assertArrayEquals(expected.rgb(), decoder.decode(tagged).rgb());
      assertArrayEquals(decoder.decode(plain, W / 2, H / 2).rgb(), decoder.decode(tagged, W / 2, H / 2).rgb());
    }
  }

  @Test
  void greyJpeg() {
    byte[] jpeg = TestImages.jpeg(TestImages.grey(W, H, false));
    assertGreyRamp(decoder.decode(jpeg), 4);
    RgbImage half = decoder.decode(jpeg, W / 2, H / 2);
    assertEquals(W / 2, half.width());
    assertGreyRamp(half, 6);
  }

  @Test
  void cmykJpeg() {
    for (boolean ycck : new boolean[] {false, true}) {
      byte[] jpeg = TestImages.cmykJpeg(W, H, ycck);
      assertEquals(4, HeaderReader.read(jpeg, true).components());
      for (RgbImage image : new RgbImage[] {decoder.decode(jpeg), decoder.decode(jpeg, 8, 8)}) {
        assertEquals(W, image.width(), "CMYK JPEG is decoded at full size by ImageIO");
        int[] cyan = TestImages.rgbAt(image, W / 4, H / 4);
        int[] magenta = TestImages.rgbAt(image, 3 * W / 4, H / 4);
        int[] yellow = TestImages.rgbAt(image, W / 4, 3 * H / 4);
        int[] black = TestImages.rgbAt(image, 3 * W / 4, 3 * H / 4);
        String what = (ycck ? "YCCK" : "CMYK") + " cyan " + str(cyan) + " magenta " + str(magenta) + " yellow "
            + str(yellow) + " black " + str(black);
        assertTrue(cyan[0] < 100 && cyan[1] > 120 && cyan[2] > 180, what);
        assertTrue(magenta[1] < 100 && magenta[0] > 180 && magenta[2] > 80, what);
        assertTrue(yellow[2] < 100 && yellow[0] > 200 && yellow[1] > 200, what);
        assertTrue(black[0] < 80 && black[1] < 80 && black[2] < 80, what);
      }
    }
  }

  @Test
  void png8BitRgb() {
    assertQuadrants(decoder.decode(TestImages.png(TestImages.quadrants(W, H))), 0);
  }

  @Test
  void png16BitRgb() {
    assertQuadrants(decoder.decode(TestImages.png(TestImages.rgb16(W, H))), 0);
  }

  @Test
  void pngGrey8And16Bit() {
    assertGreyRamp(decoder.decode(TestImages.png(TestImages.grey(W, H, false))), 0);
    assertGreyRamp(decoder.decode(TestImages.png(TestImages.grey(W, H, true))), 0);
  }

  @Test
  void pngPalette() {
    assertQuadrants(decoder.decode(TestImages.png(TestImages.palette(W, H, false))), 0);
  }

  @Test
  void pngWithAlphaKeepsTheStoredColours() {
    BufferedImage argb = TestImages.quadrants(W, H, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < H / 2; y++) {
      for (int x = 0; x < W / 2; x++) {
        argb.setRGB(x, y, argb.getRGB(x, y) & 0x00ffffff); // transparent, colour kept
      }
    }
    assertQuadrants(decoder.decode(TestImages.png(argb)), 0);
    assertQuadrants(decoder.decode(TestImages.png(TestImages.palette(W, H, true))), 0);
  }

  @Test
  void bmp() {
    assertQuadrants(decoder.decode(TestImages.bmp(TestImages.quadrants(W, H))), 0);
    assertQuadrants(decoder.decode(TestImages.bmp(TestImages.palette(W, H, false))), 0);
  }

  @Test
  void topDownBmp() {
    byte[] bottomUp = TestImages.bmp(TestImages.quadrants(W, H));
    int offset = 54;
    int row = 3 * W; // 64 px x 3 bytes is already a multiple of 4
    byte[] topDown = bottomUp.clone();
    for (int y = 0; y < H; y++) {
      System.arraycopy(bottomUp, offset + (H - 1 - y) * row, topDown, offset + y * row, row);
    }
    int negative = -H;
    for (int i = 0; i < 4; i++) {
      topDown[22 + i] = (byte) (negative >> (8 * i));
    }
    assertEquals(H, decoder.probe(topDown).height());
    assertQuadrants(decoder.decode(topDown), 0);
  }

  @Test
  void gif() {
    assertQuadrants(decoder.decode(TestImages.gif(TestImages.palette(W, H, false))), 0);
    assertQuadrants(decoder.decode(TestImages.gif(TestImages.palette(W, H, true))), 0);
  }

  @Test
  void gifFrameSmallerThanScreenIsPlacedOnWhite() {
    byte[] gif = TestImages.gif(TestImages.palette(W, H, false));
    // Grow the logical screen by 10 columns and move the frame 10 columns right.
    gif[6] = (byte) (W + 10);
    int descriptor = indexOf(gif, (byte) 0x2c, 13);
    gif[descriptor + 1] = 10;
    RgbImage image = decoder.decode(gif);
    assertEquals(W + 10, image.width());
    assertEquals(H, image.height());
    assertEquals(str(new int[] {255, 255, 255}), str(TestImages.rgbAt(image, 5, H / 2)));
    assertEquals(str(TestImages.QUADRANT_RGB[0]), str(TestImages.rgbAt(image, 10 + W / 4, H / 4)));
    assertEquals(str(TestImages.QUADRANT_RGB[3]), str(TestImages.rgbAt(image, 10 + 3 * W / 4, 3 * H / 4)));
  }

  @Test
  void webpLossyAndLossless() {
    assertQuadrants(decoder.decode(TestImages.webp(TestImages.quadrants(W, H), true)), 0);
    assertQuadrants(decoder.decode(TestImages.webp(TestImages.quadrants(W, H), false)), 20);
  }

  @Test
  void probeReportsFormatAndSize() {
    BufferedImage image = TestImages.quadrants(W, H);
    assertEquals(ImageFormat.JPEG, decoder.probe(TestImages.jpeg(image)).format());
    assertEquals(ImageFormat.PNG, decoder.probe(TestImages.png(image)).format());
    assertEquals(ImageFormat.BMP, decoder.probe(TestImages.bmp(image)).format());
    assertEquals(ImageFormat.GIF, decoder.probe(TestImages.gif(TestImages.palette(W, H, false))).format());
    assertEquals(ImageFormat.WEBP, decoder.probe(TestImages.webp(image, true)).format());
    assertEquals(ImageFormat.WEBP, decoder.probe(TestImages.webp(image, false)).format());
    for (byte[] data : new byte[][] {TestImages.jpeg(image), TestImages.png(image), TestImages.bmp(image),
        TestImages.gif(TestImages.palette(W, H, false)), TestImages.webp(image, true), TestImages.webp(image, false),
        TestImages.cmykJpeg(W, H, false)}) {
      ImageInfo info = decoder.probe(data);
      assertEquals(new ImageInfo(info.format(), W, H, W, H, ExifOrientation.NORMAL), info);
    }
  }

  /** Each quadrant's centre region is within {@code tolerance} of its colour. */
  static void assertQuadrants(RgbImage image, int tolerance) {
    int w = image.width();
    int h = image.height();
    int[][] centres = {{w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}};
    for (int q = 0; q < 4; q++) {
      int[] actual = TestImages.rgbAt(image, centres[q][0], centres[q][1]);
      int[] expected = TestImages.QUADRANT_RGB[q];
      for (int c = 0; c < 3; c++) {
        assertTrue(Math.abs(actual[c] - expected[c]) <= tolerance,
            "quadrant " + q + " of " + w + "x" + h + ": expected " + str(expected) + ", got " + str(actual));
      }
    }
  }

  static void assertGreyRamp(RgbImage image, int tolerance) {
    int y = image.height() / 2;
    for (int x = 0; x < image.width(); x += 4) {
      int[] px = TestImages.rgbAt(image, x, y);
      int expected = 255 * x / (image.width() - 1);
      assertTrue(px[0] == px[1] && px[1] == px[2] || tolerance > 0, "grey pixel " + str(px));
      assertTrue(Math.abs(px[1] - expected) <= tolerance, "x=" + x + " expected " + expected + ", got " + str(px));
    }
  }

  static String str(int[] rgb) {
    return "(" + rgb[0] + "," + rgb[1] + "," + rgb[2] + ")";
  }

  private static boolean hasMarker(byte[] jpeg, int marker) {
    for (int i = 0; i < jpeg.length - 1; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] data, byte value, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
