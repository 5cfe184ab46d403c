package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** decode(data, minWidth, minHeight): the smallest DCT scale that still covers the requested size. */
class ReducedDecodeTest {
  private final ImageDecoder decoder = new ImageDecoder();

  @Test
  void picksTheSmallestScaleThatCoversTheMinimum() {
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(1000, 600));
    assertSize(1000, 600, decoder.decode(jpeg));
    assertSize(1000, 600, decoder.decode(jpeg, 0, 0));
    assertSize(500, 300, decoder.decode(jpeg, 256, 256));
    assertSize(250, 150, decoder.decode(jpeg, 250, 150));
    assertSize(125, 75, decoder.decode(jpeg, 125, 75));
    assertSize(250, 150, decoder.decode(jpeg, 126, 75));
    assertSize(1000, 600, decoder.decode(jpeg, 1000, 600));
    assertSize(1000, 600, decoder.decode(jpeg, 501, 10));
    assertSize(1000, 600, decoder.decode(jpeg, 4000, 4000)); // never upscaled
    assertSize(500, 300, decoder.decode(jpeg, 256, 0)); // 0 leaves that axis free
    assertSize(125, 75, decoder.decode(jpeg, 0, 1));
  }

  @Test
  void scaledSizesRoundUpAsLibjpegDoes() {
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(1001, 601));
    assertSize(126, 76, decoder.decode(jpeg, 100, 70));
    assertSize(251, 151, decoder.decode(jpeg, 200, 151));
    byte[] tiny = TestImages.jpeg(TestImages.gradient(3, 2));
    assertSize(1, 1, decoder.decode(tiny, 1, 1));
  }

  @Test
  void minimumIsInDisplayedOrientation() {
    byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.gradient(1000, 600)),
        TestImages.exifTiff(6, ByteOrder.LITTLE_ENDIAN));
    assertSize(600, 1000, decoder.decode(jpeg));
    assertSize(300, 500, decoder.decode(jpeg, 256, 256));
    assertSize(300, 500, decoder.decode(jpeg, 300, 126));
    assertSize(150, 250, decoder.decode(jpeg, 150, 250));
  }

  @Test
  void otherFormatsDecodeAtFullSize() {
    byte[] png = TestImages.png(TestImages.gradient(400, 300));
    assertSize(400, 300, decoder.decode(png, 50, 50));
    byte[] webp = TestImages.webp(TestImages.gradient(400, 300), false);
    assertSize(400, 300, decoder.decode(webp, 50, 50));
  }

  @Test
  void reducedPixelsMatchAnAreaAverageOfTheFullDecode() {
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(800, 480));
    RgbImage full = decoder.decode(jpeg);
    for (int scale : new int[] {2, 4, 8}) {
      RgbImage reduced = decoder.decode(jpeg, 800 / scale, 480 / scale);
      assertSize(800 / scale, 480 / scale, reduced);
      double diff = TestImages.meanAbsDiff(reduced, boxDownscale(full, scale));
      assertTrue(diff < 3.0, "1/" + scale + " differs from the area average by " + diff + " on average");
    }
  }

  @Test
  void resultAlwaysCoversTheMinimumAndIsTheSmallestThatDoes() {
    Random random = new Random(11);
    for (int i = 0; i < 40; i++) {
      int w = 1 + random.nextInt(400);
      int h = 1 + random.nextInt(400);
      int orientation = 1 + random.nextInt(8);
      byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.gradient(w, h)),
          TestImages.exifTiff(orientation, ByteOrder.BIG_ENDIAN));
      ImageInfo info = decoder.probe(jpeg);
      int minW = random.nextInt(info.width() + 1);
      int minH = random.nextInt(info.height() + 1);
      RgbImage image = decoder.decode(jpeg, minW, minH);
      String what = w + "x" + h + " orientation " + orientation + " min " + minW + "x" + minH + " got "
          + image.width() + "x" + image.height();
      assertTrue(image.width() >= minW && image.height() >= minH, what);
      int scale = 0;
      for (int s : new int[] {1, 2, 4, 8}) {
        if (DecodeScale.scaled(info.width(), s) == image.width()
            && DecodeScale.scaled(info.height(), s) == image.height()) {
          scale = s;
        }
      }
      assertTrue(scale > 0, what + " is not a DCT scale of the image");
      if (scale < 8 && (minW > 0 || minH > 0)) {
        int next = scale * 2;
        assertTrue(DecodeScale.scaled(info.width(), next) < minW || DecodeScale.scaled(info.height(), next) < minH,
            what + ": 1/" + next + " would have been enough");
      }
    }
  }

  static RgbImage boxDownscale(RgbImage image, int factor) {
    int w = image.width() / factor;
    int h = image.height() / factor;
    RgbImage out = RgbImage.blank(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          int sum = 0;
          for (int dy = 0; dy < factor; dy++) {
            for (int dx = 0; dx < factor; dx++) {
              sum += image.rgb()[3 * ((y * factor + dy) * image.width() + x * factor + dx) + c] & 0xff;
            }
          }
          out.rgb()[3 * (y * w + x) + c] = (byte) Math.round((float) sum / (factor * factor));
        }
      }
    }
    return out;
  }

  private static void assertSize(int width, int height, RgbImage image) {
    assertEquals(width + "x" + height, image.width() + "x" + image.height());
  }
}
