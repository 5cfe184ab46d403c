package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Empty, foreign, truncated, corrupt and oversized inputs fail with the right code, quickly and without OOM. */
class ImageDecoderErrorsTest {
  private static final int W = 64;
  private static final int H = 48;

  private final ImageDecoder decoder = new ImageDecoder();

  @Test
  void emptyInput() {
    assertCode(ImageErrorCode.EMPTY_IMAGE, () -> decoder.decode(new byte[0]));
    assertCode(ImageErrorCode.EMPTY_IMAGE, () -> decoder.decode(null));
    assertCode(ImageErrorCode.EMPTY_IMAGE, () -> decoder.probe(new byte[0]));
  }

  @Test
  void foreignBytesAreUnsupported() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      byte[] noise = new byte[1 + random.nextInt(4096)];
      random.nextBytes(noise);
      if (FormatSniffer.sniff(noise).isEmpty()) {
        assertCode(ImageErrorCode.UNSUPPORTED_FORMAT, () -> decoder.decode(noise));
      }
    }
    assertCode(ImageErrorCode.UNSUPPORTED_FORMAT, () -> decoder.decode("BM is not a bitmap".getBytes(
        StandardCharsets.US_ASCII)));
    assertCode(ImageErrorCode.UNSUPPORTED_FORMAT, () -> decoder.decode(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}));
    assertCode(ImageErrorCode.UNSUPPORTED_FORMAT, () -> decoder.decode(new byte[] {(byte) 0xff, (byte) 0xd8}));
    assertCode(ImageErrorCode.UNSUPPORTED_FORMAT, () -> decoder.probe("<html></html>".getBytes(
        StandardCharsets.US_ASCII)));
  }

  @Test
  void bmpWrappingAnotherFormatIsUnsupported() {
    byte[] bmp = TestImages.bmp(TestImages.quadrants(W, H));
    bmp[30] = 5; // BI_PNG
    assertCode(ImageErrorCode.UNSUPPORTED_FORMAT, () -> decoder.decode(bmp));
  }

  @Test
  void truncatedFilesOfEveryFormatAreCorrupt() {
    BufferedImage image = TestImages.gradient(W, H);
    byte[][] files = {
      TestImages.jpeg(image, false), TestImages.jpeg(image, true), TestImages.png(image), TestImages.bmp(image),
      TestImages.gif(TestImages.palette(W, H, false)), TestImages.webp(image, false), TestImages.webp(image, true),
      TestImages.cmykJpeg(W, H, false)
    };
    for (byte[] file : files) {
      String format = FormatSniffer.sniff(file).orElseThrow().toString();
      decoder.decode(file); // whole file is fine
      for (int cut : new int[] {1, 2, 5, file.length / 3, file.length / 2, file.length - 20}) {
        if (cut >= file.length - 4) {
          continue;
        }
        if (format.equals("GIF") && cut == 1) {
          // Only the trailer is missing; the first frame, all that is decoded, is complete.
          ImageDecoderFormatsTest.assertQuadrants(decoder.decode(Arrays.copyOf(file, file.length - 1)), 0);
          continue;
        }
        byte[] truncated = Arrays.copyOf(file, file.length - cut);
        assertCode(ImageErrorCode.CORRUPT_IMAGE, () -> decoder.decode(truncated), format + " cut by " + cut);
        assertCode(ImageErrorCode.CORRUPT_IMAGE, () -> decoder.decode(truncated, 8, 8), format + " cut by " + cut);
      }
    }
  }

  @Test
  void truncatedJpegIsRefusedNotGreyFilled() {
    // ImageIO and OpenCV both decode this with a warning and grey fill; the decoder must not.
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(640, 480), true);
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
    ImageException e = assertThrows(ImageException.class, () -> decoder.decode(truncated));
    assertEquals(ImageErrorCode.CORRUPT_IMAGE, e.code());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    // Header-only probing still works on it.
    assertEquals(640, decoder.probe(truncated).width());
  }

  @Test
  void bytesAfterTheEndOfAJpegAreAccepted() {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(W, H));
    byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 100);
    Arrays.fill(trailing, jpeg.length, trailing.length, (byte) 0x5a);
    ImageDecoderFormatsTest.assertQuadrants(decoder.decode(trailing), 12);
    ImageDecoderFormatsTest.assertQuadrants(decoder.decode(trailing, 8, 8), 16);
  }

  @Test
  void corruptDataIsCorrupt() {
    byte[] png = TestImages.png(TestImages.gradient(W, H));
    byte[] badIdat = png.clone();
    int idat = indexOf(badIdat, "IDAT");
    for (int i = idat + 6; i < idat + 40; i++) {
      badIdat[i] ^= 0x55;
    }
    assertCode(ImageErrorCode.CORRUPT_IMAGE, () -> decoder.decode(badIdat));

    byte[] jpegHeaderOnly = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 4, 0, 0};
    assertCode(ImageErrorCode.CORRUPT_IMAGE, () -> decoder.decode(jpegHeaderOnly));
    assertCode(ImageErrorCode.CORRUPT_IMAGE, () -> decoder.probe(jpegHeaderOnly));

    byte[] pngNoIhdr = Arrays.copyOf(png, 40);
    pngNoIhdr[12] = 'X';
    assertCode(ImageErrorCode.CORRUPT_IMAGE, () -> decoder.decode(pngNoIhdr));

    byte[] jpegZeroSize = TestImages.jpeg(TestImages.quadrants(W, H));
    int sof = indexOfMarker(jpegZeroSize, 0xc0);
    jpegZeroSize[sof + 5] = 0;
    jpegZeroSize[sof + 6] = 0;
    assertCode(ImageErrorCode.CORRUPT_IMAGE, () -> decoder.decode(jpegZeroSize));

    byte[] gifNoImage = Arrays.copyOf(TestImages.gif(TestImages.palette(W, H, false)), 13 + 3 * 256 + 1);
    gifNoImage[gifNoImage.length - 1] = 0x3b;
    assertCode(ImageErrorCode.CORRUPT_IMAGE, () -> decoder.decode(gifNoImage));
  }

  @Test
  void randomDamageNeverEscapesAsAnotherException() {
    Random random = new Random(3);
    BufferedImage image = TestImages.gradient(W, H);
    byte[][] files = {
      TestImages.jpeg(image, false), TestImages.jpeg(image, true), TestImages.png(image), TestImages.bmp(image),
      TestImages.gif(TestImages.palette(W, H, false)), TestImages.webp(image, false), TestImages.webp(image, true)
    };
    for (byte[] file : files) {
      for (int i = 0; i < 60; i++) {
        byte[] damaged = file.clone();
        for (int k = 0; k < 1 + random.nextInt(8); k++) {
          // Keep the signature so the damage reaches the format's own parsing.
          damaged[12 + random.nextInt(damaged.length - 12)] = (byte) random.nextInt(256);
        }
        try {
          RgbImage decoded = decoder.decode(damaged, random.nextBoolean() ? 0 : 16, 16);
          assertTrue(decoded.width() > 0);
        } catch (ImageException expected) {
          assertTrue(expected.code() == ImageErrorCode.CORRUPT_IMAGE
              || expected.code() == ImageErrorCode.IMAGE_TOO_LARGE
              || expected.code() == ImageErrorCode.UNSUPPORTED_FORMAT, expected.toString());
        }
      }
    }
  }

  @Test
  void decompressionBombsAreRefusedFromTheHeader() {
    // PNG whose IHDR claims 100000 x 100000 (30 GB of RGB) in a 60-byte file.
    byte[] png = TestImages.pngClaiming(100_000, 100_000);
    assertEquals(100_000, decoder.probe(png).width());
    assertTooLarge(png);

    // JPEG whose SOF claims 65000 x 65000.
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(W, H));
    int sof = indexOfMarker(jpeg, 0xc0);
    setU16be(jpeg, sof + 5, 65000);
    setU16be(jpeg, sof + 7, 65000);
    assertEquals(65000, decoder.probe(jpeg).height());
    assertTooLarge(jpeg);

    // GIF whose logical screen is 65535 x 65535, and one whose first frame is.
    byte[] gif = TestImages.gif(TestImages.palette(W, H, false));
    byte[] hugeScreen = gif.clone();
    setU16le(hugeScreen, 6, 65535);
    setU16le(hugeScreen, 8, 65535);
    assertTooLarge(hugeScreen);
    byte[] hugeFrame = gif.clone();
    int descriptor = 13 + 3 * 256;
    while (hugeFrame[descriptor] != 0x2c) {
      descriptor++;
    }
    setU16le(hugeFrame, descriptor + 5, 65535);
    setU16le(hugeFrame, descriptor + 7, 65535);
    assertTooLarge(hugeFrame);

    // BMP and WebP (VP8X canvas) claiming huge sizes.
    byte[] bmp = TestImages.bmp(TestImages.quadrants(W, H));
    setU16le(bmp, 18, 60000);
    setU16le(bmp, 22, 60000);
    assertTooLarge(bmp);
    byte[] webp = TestImages.webpWithExif(TestImages.webp(TestImages.quadrants(W, H), false), 16_000_000,
        16_000_000, TestImages.exifTiff(1, java.nio.ByteOrder.BIG_ENDIAN));
    assertTooLarge(webp);
  }

  @Test
  void limitsAreConfigurable() {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(W, H));
    ImageDecoder sideLimited = new ImageDecoder(ImageLimits.DEFAULT.withMaxSide(W - 1));
    assertCode(ImageErrorCode.IMAGE_TOO_LARGE, () -> sideLimited.decode(jpeg));
    assertEquals(W, new ImageDecoder(ImageLimits.DEFAULT.withMaxSide(W)).decode(jpeg).width());

    ImageDecoder pixelLimited = new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels((long) W * H - 1));
    assertCode(ImageErrorCode.IMAGE_TOO_LARGE, () -> pixelLimited.decode(jpeg));
    assertEquals(W, new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels((long) W * H)).decode(jpeg).width());

    ImageDecoder byteLimited = new ImageDecoder(ImageLimits.DEFAULT.withMaxBytes(jpeg.length - 1));
    assertCode(ImageErrorCode.IMAGE_TOO_LARGE, () -> byteLimited.decode(jpeg));
    assertEquals(W, new ImageDecoder(ImageLimits.DEFAULT.withMaxBytes(jpeg.length)).decode(jpeg).width());

    // The limit on the longest side applies whichever way the picture is turned.
    byte[] turned = TestImages.withExif(jpeg, TestImages.exifTiff(6, java.nio.ByteOrder.BIG_ENDIAN));
    assertCode(ImageErrorCode.IMAGE_TOO_LARGE, () -> sideLimited.decode(turned));

    assertEquals(new ImageLimits(4096, 4096L * 4096, 32L << 20), ImageLimits.DEFAULT);
    assertThrows(IllegalArgumentException.class, () -> new ImageLimits(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1, 1L << 40, 1));
    assertThrows(IllegalArgumentException.class, () -> decoder.decode(jpeg, -1, 0));
  }

  private void assertTooLarge(byte[] data) {
    ImageException e = assertThrows(ImageException.class, () -> decoder.decode(data));
    assertEquals(ImageErrorCode.IMAGE_TOO_LARGE, e.code(), e.getMessage());
  }

  static void assertCode(ImageErrorCode code, Executable call) {
    assertCode(code, call, "");
  }

  static void assertCode(ImageErrorCode code, Executable call, String what) {
    ImageException e = assertThrows(ImageException.class, call, what);
    assertEquals(code, e.code(), what + ": " + e.getMessage());
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
  }

  private static int indexOf(byte[] data, String ascii) {
    byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i <= data.length - needle.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (data[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException(ascii + " not found");
  }

  private static int indexOfMarker(byte[] jpeg, int marker) {
    for (int i = 0; i < jpeg.length - 1; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
        return i;
      }
    }
    throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
  }

  private static void setU16be(byte[] d, int pos, int value) {
    d[pos] = (byte) (value >> 8);
    d[pos + 1] = (byte) value;
  }

  private static void setU16le(byte[] d, int pos, int value) {
    d[pos] = (byte) value;
    d[pos + 1] = (byte) (value >> 8);
  }
}
