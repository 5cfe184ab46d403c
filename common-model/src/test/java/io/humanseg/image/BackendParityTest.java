package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The two backends give the same pixels for the same file, so that which one runs (by scale, or as a fallback)
 * does not change results beyond codec rounding.
 */
class BackendParityTest {
  private static final OpenCvDecoder OPEN_CV = new OpenCvDecoder();
  private static final ImageIoDecoder IMAGE_IO = new ImageIoDecoder();

  @Test
  void losslessFormatsAreIdentical() {
    BufferedImage image = TestImages.gradient(120, 90);
    byte[][] files = {
      TestImages.png(image), TestImages.png(TestImages.rgb16(120, 90)), TestImages.png(TestImages.grey(120, 90, true)),
      TestImages.png(TestImages.grey(120, 90, false)), TestImages.png(TestImages.palette(120, 90, true)),
      TestImages.bmp(image), TestImages.bmp(TestImages.palette(120, 90, false)), TestImages.webp(image, true)
    };
    for (byte[] file : files) {
      assertArrayEquals(rgb(OPEN_CV, file).rgb(), rgb(IMAGE_IO, file).rgb(), FormatSniffer.sniff(file).toString());
    }
  }

  @Test
  void jpegDiffersOnlyByCodecRounding() {
    for (boolean progressive : new boolean[] {false, true}) {
      byte[] jpeg = TestImages.jpeg(TestImages.gradient(640, 480), progressive);
      double diff = TestImages.meanAbsDiff(rgb(OPEN_CV, jpeg), rgb(IMAGE_IO, jpeg));
      assertTrue(diff < 1.0, "libjpeg-turbo and the JDK's libjpeg differ by " + diff + " on average");
    }
  }

  @Test
  void lossyWebpDiffersOnlyByUpsampling() {
    byte[] webp = TestImages.webp(TestImages.gradient(640, 480), false);
    double diff = TestImages.meanAbsDiff(rgb(OPEN_CV, webp), rgb(IMAGE_IO, webp));
    // TwelveMonkeys upsamples chroma more simply than libwebp; the rings in the test picture make that visible.
    assertTrue(diff < 6.0, "libwebp and TwelveMonkeys differ by " + diff + " on average");
  }

  private static RgbImage rgb(PixelDecoder backend, byte[] data) {
    ImageHeader header = HeaderReader.read(data);
    return OrientationTransform.toDisplayed(backend.decode(data, header, 1), ExifOrientation.NORMAL);
  }
}
