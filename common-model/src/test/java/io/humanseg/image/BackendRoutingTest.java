package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which backend decodes what, at which scale, and the fallbacks when one declines a file: with Leptonica's natives
 * (as on the server platforms) and without them (as elsewhere).
 */
class BackendRoutingTest {
  /** Records calls and either delegates or declines. */
  private static final class Recorder implements PixelDecoder {
    final String name;
    final PixelDecoder real;
    final boolean decline;
    final List<String> calls;

    Recorder(String name, PixelDecoder real, boolean decline, List<String> calls) {
      this.name = name;
      this.real = real;
      this.decline = decline;
      this.calls = calls;
    }

    @Override
    public StoredPixels decode(byte[] data, ImageHeader header, int scale) {
      calls.add(name + " " + header.format() + " 1/" + scale);
      if (decline) {
        throw ImageException.corrupt(name + " declines");
      }
      return real.decode(data, header, scale);
    }
  }

  private final List<String> calls = new ArrayList<>();

  private ImageDecoder decoder(boolean openCvDeclines) {
    return new ImageDecoder(ImageLimits.DEFAULT, null,
        new Recorder("opencv", new OpenCvDecoder(), openCvDeclines, calls),
        new Recorder("imageio", new ImageIoDecoder(), false, calls));
  }

  @Test
  void routesReducedGreyAndYcbcrJpegToLeptonica() {
    ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT,
        new Recorder("leptonica", new LeptonicaJpegDecoder(), false, calls),
        new Recorder("opencv", new OpenCvDecoder(), false, calls), new Recorder("imageio", new ImageIoDecoder(), false,
            calls));
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(800, 600));
    decoder.decode(jpeg);
    decoder.decode(jpeg, 100, 100);
    decoder.decode(TestImages.cmykJpeg(64, 64, false), 8, 8);
    decoder.decode(TestImages.png(TestImages.gradient(64, 48)), 8, 8);
    assertEquals(List.of(
        "imageio JPEG 1/1", // full size stays with ImageIO
        "leptonica JPEG 1/4",
        "imageio JPEG 1/1", // CMYK needs TwelveMonkeys' colour conversion, whatever the size
        "opencv PNG 1/1"), calls);
  }

  @Test
  void fallsBackToOpenCvAtTheSameScaleWhenLeptonicaFails() {
    ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT, new Recorder("leptonica", null, true, calls),
        new Recorder("opencv", new OpenCvDecoder(), false, calls), new Recorder("imageio", null, true, calls));
    RgbImage reduced = decoder.decode(TestImages.jpeg(TestImages.quadrants(64, 48)), 16, 12);
    assertEquals(16, reduced.width());
    assertEquals(List.of("leptonica JPEG 1/4", "opencv JPEG 1/4"), calls);
  }

  @Test
  void routesByFormatAndScale() {
    ImageDecoder decoder = decoder(false);
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(800, 600));
    decoder.decode(jpeg);
    decoder.decode(jpeg, 100, 100);
    decoder.decode(jpeg, 800, 600);
    decoder.decode(TestImages.cmykJpeg(64, 64, false), 8, 8);
    decoder.decode(TestImages.png(TestImages.gradient(64, 48)), 8, 8);
    decoder.decode(TestImages.webp(TestImages.gradient(64, 48), false));
    decoder.decode(TestImages.bmp(TestImages.gradient(64, 48)));
    decoder.decode(TestImages.gif(TestImages.palette(64, 48, false)));
    assertEquals(List.of(
        "imageio JPEG 1/1", // full size: the JDK's libjpeg is faster than OpenCV's libjpeg-turbo without SIMD
        "opencv JPEG 1/4", // reduced: DCT scaling
        "imageio JPEG 1/1",
        "imageio JPEG 1/1", // CMYK needs TwelveMonkeys' colour conversion, whatever the size
        "opencv PNG 1/1",
        "opencv WEBP 1/1",
        "opencv BMP 1/1",
        "imageio GIF 1/1"), calls);
  }

  @Test
  void fallsBackToImageIoAtFullSizeWhenOpenCvFails() {
    ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT, null, new Recorder("opencv", null, true, calls),
        new Recorder("imageio", new ImageIoDecoder(), false, calls));
    RgbImage reduced = decoder.decode(TestImages.jpeg(TestImages.quadrants(64, 48)), 16, 12);
    assertEquals(64, reduced.width(), "ImageIO cannot scale in the DCT, so the fallback is full size");
    ImageDecoderFormatsTest.assertQuadrants(reduced, 12);
    RgbImage webp = decoder.decode(TestImages.webp(TestImages.quadrants(64, 48), true));
    ImageDecoderFormatsTest.assertQuadrants(webp, 0);
    assertEquals(List.of("opencv JPEG 1/4", "imageio JPEG 1/1", "opencv WEBP 1/1", "imageio WEBP 1/1"), calls);
  }

  @Test
  void fallsBackToOpenCvWhenImageIoFails() {
    ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT, null,
        new Recorder("opencv", new OpenCvDecoder(), false, calls), new Recorder("imageio", null, true, calls));
    ImageDecoderFormatsTest.assertQuadrants(decoder.decode(TestImages.jpeg(TestImages.quadrants(64, 48))), 12);
    assertEquals(List.of("imageio JPEG 1/1", "opencv JPEG 1/1"), calls);
  }

  @Test
  void reportsBothFailuresWhenNeitherBackendCanDecode() {
    ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT, null, new Recorder("opencv", null, true, calls),
        new Recorder("imageio", null, true, calls));
    ImageException e = org.junit.jupiter.api.Assertions.assertThrows(ImageException.class,
        () -> decoder.decode(TestImages.png(TestImages.quadrants(8, 8))));
    assertEquals(ImageErrorCode.CORRUPT_IMAGE, e.code());
    assertEquals("opencv declines; imageio declines", e.getMessage());
    // GIF has no second backend.
    calls.clear();
    org.junit.jupiter.api.Assertions.assertThrows(ImageException.class,
        () -> decoder.decode(TestImages.gif(TestImages.palette(8, 8, false))));
    assertEquals(List.of("imageio GIF 1/1"), calls);
  }
}
