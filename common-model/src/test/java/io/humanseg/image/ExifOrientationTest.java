package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** All eight EXIF orientations: displayed size, pixel placement, and agreement with OpenCV's own handling. */
class ExifOrientationTest {
  private static final int W = 64;
  private static final int H = 32;

  /**
   * Which stored quadrant (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) shows in each displayed
   * quadrant, per orientation, written out by hand from the EXIF specification's row/column wording.
   */
  private static final int[][] DISPLAYED_QUADRANTS = {
    {0, 1, 2, 3}, // 1 normal
    {1, 0, 3, 2}, // 2 mirrored left-right
    {3, 2, 1, 0}, // 3 upside down
    {2, 3, 0, 1}, // 4 mirrored top-bottom
    {0, 2, 1, 3}, // 5 transposed
    {2, 0, 3, 1}, // 6 stored row 0 is the right side, stored column 0 the top
    {3, 1, 2, 0}, // 7 transversed
    {1, 3, 0, 2}, // 8 stored row 0 is the left side, stored column 0 the bottom
  };

  private final ImageDecoder decoder = new ImageDecoder();

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void jpegOrientation(int orientation) {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.quadrants(W, H)),
          TestImages.exifTiff(orientation, order));
      ImageInfo info = decoder.probe(jpeg);
      assertEquals(ExifOrientation.fromTag(orientation), info.orientation());
      assertEquals(orientation, info.orientation().tag());
      assertEquals(W, info.storedWidth());
      assertEquals(H, info.storedHeight());
      assertEquals(orientation >= 5 ? H : W, info.width());
      assertEquals(orientation >= 5 ? W : H, info.height());

      RgbImage full = decoder.decode(jpeg);
      assertDisplayed(full, orientation, 12);
      // The reduced path goes through OpenCV rather than ImageIO; orientation must not depend on the backend.
      RgbImage half = decoder.decode(jpeg, info.width() / 2, info.height() / 2);
      assertEquals(info.width() / 2, half.width());
      assertDisplayed(half, orientation, 16);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void agreesWithOpenCvsOwnExifHandling(int orientation) {
    byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.gradient(W, H)),
        TestImages.exifTiff(orientation, ByteOrder.BIG_ENDIAN));
    OpenCvDecoder.ensureLoaded();
    Mat oriented = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    byte[] bgr = new byte[(int) oriented.total() * 3];
    oriented.get(0, 0, bgr);
    RgbImage expected = OrientationTransform.toDisplayed(
        new StoredPixels(oriented.cols(), oriented.rows(), bgr, true), ExifOrientation.NORMAL);
    RgbImage actual = OrientationTransform.toDisplayed(
        new OpenCvDecoder().decode(jpeg, HeaderReader.read(jpeg, true), 1), ExifOrientation.fromTag(orientation));
    assertEquals(expected.width(), actual.width());
    assertEquals(expected.height(), actual.height());
    assertArrayEquals(expected.rgb(), actual.rgb());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 6, 8})
  void pngExifChunk(int orientation) {
    byte[] png = TestImages.pngWithExif(TestImages.png(TestImages.quadrants(W, H)),
        TestImages.exifTiff(orientation, ByteOrder.LITTLE_ENDIAN));
    assertEquals(orientation, decoder.probe(png).orientation().tag());
    assertDisplayed(decoder.decode(png), orientation, 0);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 6, 7})
  void webpExifChunk(int orientation) {
    byte[] simple = TestImages.webp(TestImages.quadrants(W, H), true);
    byte[] webp = TestImages.webpWithExif(simple, W, H, TestImages.exifTiff(orientation, ByteOrder.BIG_ENDIAN));
    ImageInfo info = decoder.probe(webp);
    assertEquals(orientation, info.orientation().tag());
    assertEquals(W, info.storedWidth());
    assertDisplayed(decoder.decode(webp), orientation, 0);
  }

  @Test
  void readsOrientationFromALibraryWrittenExifBlock() throws Exception {
    // Cross-check the hand-written reader against TwelveMonkeys' TIFF writer, with other tags around it.
    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      List<Entry> entries = new ArrayList<>();
      entries.add(new TIFFEntry(TIFF.TAG_MAKE, TIFF.TYPE_ASCII, "Camera maker"));
      entries.add(new TIFFEntry(TIFF.TAG_MODEL, TIFF.TYPE_ASCII, "Model 7"));
      entries.add(new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, (short) 6));
      entries.add(new TIFFEntry(TIFF.TAG_SOFTWARE, TIFF.TYPE_ASCII, "humanseg test"));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        out.setByteOrder(order);
        new TIFFWriter().write(entries, out);
      }
      byte[] tiff = bytes.toByteArray();
      assertEquals(ExifOrientation.ROTATE_90_CW, ExifOrientation.fromTiff(tiff, 0, tiff.length), order.toString());
      byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.quadrants(W, H)), tiff);
      assertDisplayed(decoder.decode(jpeg), 6, 12);
    }
  }

  @Test
  void unreadableExifMeansNormal() {
    byte[] tiff = TestImages.exifTiff(6, ByteOrder.BIG_ENDIAN);
    assertEquals(ExifOrientation.ROTATE_90_CW, ExifOrientation.fromTiff(tiff, 0, tiff.length));
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromTiff(tiff, 0, 20), "entry cut off");
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromTiff(TestImages.exifTiff(9, ByteOrder.BIG_ENDIAN), 0,
        tiff.length), "out of range");
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromTiff(TestImages.exifTiff(0, ByteOrder.BIG_ENDIAN), 0,
        tiff.length), "zero");
    byte[] badOffset = tiff.clone();
    badOffset[7] = (byte) 200;
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromTiff(badOffset, 0, badOffset.length));
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] noise = tiff.clone();
      noise[random.nextInt(noise.length)] = (byte) random.nextInt(256);
      ExifOrientation.fromTiff(noise, 0, noise.length); // never throws
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      ExifOrientation.fromTiff(garbage, 0, garbage.length);
    }
    // A broken EXIF block does not stop the image from decoding.
    byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.quadrants(W, H)), new byte[] {'M', 'M', 0, 42, 1});
    assertDisplayed(decoder.decode(jpeg), 1, 12);
  }

  @Test
  void displayedSizes() {
    for (ExifOrientation o : ExifOrientation.values()) {
      assertEquals(o.swapsAxes() ? 3 : 5, o.displayedWidth(5, 3));
      assertEquals(o.swapsAxes() ? 5 : 3, o.displayedHeight(5, 3));
      assertEquals(o, ExifOrientation.fromTag(o.tag()));
    }
    assertTrue(ExifOrientation.ROTATE_90_CW.swapsAxes());
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromTag(42));
  }

  private static void assertDisplayed(RgbImage image, int orientation, int tolerance) {
    int dw = orientation >= 5 ? H : W;
    int dh = orientation >= 5 ? W : H;
    if (image.width() == dw) {
      assertEquals(dh, image.height());
    } else {
      assertEquals(dw / 2, image.width(), "reduced");
      assertEquals(dh / 2, image.height(), "reduced");
    }
    int w = image.width();
    int h = image.height();
    int[][] centres = {{w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}};
    for (int q = 0; q < 4; q++) {
      int[] actual = TestImages.rgbAt(image, centres[q][0], centres[q][1]);
      int[] expected = TestImages.QUADRANT_RGB[DISPLAYED_QUADRANTS[orientation - 1][q]];
      for (int c = 0; c < 3; c++) {
        assertTrue(Math.abs(actual[c] - expected[c]) <= tolerance, "orientation " + orientation
            + ", displayed quadrant " + q + ": expected " + ImageDecoderFormatsTest.str(expected) + ", got "
            + ImageDecoderFormatsTest.str(actual));
      }
    }
  }
}
