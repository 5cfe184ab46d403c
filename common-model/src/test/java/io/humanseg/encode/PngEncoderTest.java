package io.humanseg.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.encode.PngEncoder.Filter;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Every PNG is read back by ImageIO and OpenCV and must hold exactly the pixels given. */
class PngEncoderTest {

  private static List<PngEncoder> encoders() {
    List<PngEncoder> all = new ArrayList<>();
    for (Filter f : Filter.values()) {
      for (int level : new int[] {0, 1, 6, 9}) {
        all.add(new PngEncoder(level, f, f));
      }
      all.add(new PngEncoder(PngEncoder.Deflate.RUNS, 1, f, f));
    }
    return all;
  }

  private static AlphaMask randomMask(int w, int h, long seed) {
    byte[] a = new byte[w * h];
    new Random(seed).nextBytes(a);
    return new AlphaMask(w, h, a);
  }

  @Test
  void greyMaskRoundTripsExactlyWithEveryFilterAndLevel() {
    // Sizes: one pixel, odd widths, and more rows than one 256 KB block holds.
    List<AlphaMask> masks = List.of(randomMask(1, 1, 1), randomMask(7, 3, 2), Images.ellipse(641, 480, 3),
        randomMask(1000, 700, 3), AlphaMask.empty(33, 17));
    for (PngEncoder encoder : encoders()) {
      for (AlphaMask mask : masks) {
        byte[] png = encoder.grey(mask);
        assertArrayEquals(new int[] {8, 0}, Images.pngDepthAndColourType(png));
        BufferedImage read = Images.decode(png);
        assertEquals(mask.width(), read.getWidth());
        assertEquals(mask.height(), read.getHeight());
        assertArrayEquals(mask.alpha(), Images.grey(read));
        assertArrayEquals(mask.alpha(), Images.opencv(png, 1));
      }
    }
  }

  @Test
  void bandsDeflatedSideBySideMakeOneValidPng() {
    AlphaMask mask = Images.ellipse(1001, 733, 5);
    RgbImage photo = Images.noise(1001, 733, 9);
    for (PngEncoder encoder : List.of(PngEncoder.DEFAULT, new PngEncoder(6, Filter.SUB, Filter.UP),
        new PngEncoder(PngEncoder.Deflate.RUNS, 1, Filter.NONE, Filter.NONE))) {
      for (int bands = 1; bands <= 4; bands++) {
        byte[] png = encoder.grey(mask, bands);
        assertArrayEquals(mask.alpha(), Images.grey(Images.decode(png)), bands + " bands");
        assertArrayEquals(mask.alpha(), Images.opencv(png, 1), bands + " bands");
        byte[] bgra = Images.opencv(encoder.rgba(photo, mask, bands), 4);
        for (int p = 0; p < mask.alpha().length; p++) {
          int keep = mask.alpha()[p] == 0 ? 0 : 0xff;
          assertEquals(photo.rgb()[3 * p] & keep, bgra[4 * p + 2] & 0xff, "red at " + p);
          assertEquals(mask.alpha()[p], bgra[4 * p + 3], "alpha at " + p);
        }
      }
    }
  }

  @Test
  void adlerOfTwoRunsCombinesFromTheirs() {
    Random random = new Random(5);
    for (int i = 0; i < 200; i++) {
      byte[] a = new byte[random.nextInt(200_000)];
      byte[] b = new byte[random.nextInt(200_000)];
      random.nextBytes(a);
      random.nextBytes(b);
      java.util.zip.Adler32 whole = new java.util.zip.Adler32();
      whole.update(a);
      whole.update(b);
      java.util.zip.Adler32 first = new java.util.zip.Adler32();
      first.update(a);
      java.util.zip.Adler32 second = new java.util.zip.Adler32();
      second.update(b);
      assertEquals(whole.getValue(), PngEncoder.adler32Combine(first.getValue(), second.getValue(), b.length));
    }
  }

  @Test
  void rgbaCutOutHoldsPhotoAndMaskExactly() {
    for (PngEncoder encoder : encoders()) {
      RgbImage photo = Images.noise(301, 203, 7);
      AlphaMask mask = randomMask(301, 203, 8);
      // Every alpha value, 0 included, several times: the soft ellipse's ramp and random noise in its top rows.
      byte[] soft = Images.ellipse(301, 203, 40).alpha();
      System.arraycopy(mask.alpha(), 0, soft, 0, 301 * 20);
      mask = new AlphaMask(301, 203, soft);
      byte[] png = encoder.rgba(photo, mask);
      assertArrayEquals(new int[] {8, 6}, Images.pngDepthAndColourType(png));
      BufferedImage read = Images.decode(png);
      assertTrue(read.getColorModel().hasAlpha());
      assertEquals(4, read.getRaster().getNumBands());
      byte[] bgra = Images.opencv(png, 4);
      for (int y = 0; y < 203; y++) {
        for (int x = 0; x < 301; x++) {
          int p = y * 301 + x;
          // getRGB would premultiply nothing here, but would round through the colour model: read the raster.
          int[] px = read.getRaster().getPixel(x, y, (int[]) null);
          int alpha = mask.alpha()[p] & 0xff;
          // Fully transparent pixels are written as zeros; all others keep the photo's colour exactly.
          int keep = alpha == 0 ? 0 : 0xff;
          assertEquals(photo.rgb()[3 * p] & keep, px[0]);
          assertEquals(photo.rgb()[3 * p + 1] & keep, px[1]);
          assertEquals(photo.rgb()[3 * p + 2] & keep, px[2]);
          assertEquals(alpha, px[3]);
          assertEquals(photo.rgb()[3 * p + 2] & keep, bgra[4 * p] & 0xff);
          assertEquals(alpha, bgra[4 * p + 3] & 0xff);
        }
      }
    }
  }

  @Test
  void rgbRoundTripsExactly() {
    RgbImage photo = Images.noise(257, 131, 11);
    byte[] png = PngEncoder.DEFAULT.rgb(photo);
    assertArrayEquals(new int[] {8, 2}, Images.pngDepthAndColourType(png));
    BufferedImage read = Images.decode(png);
    byte[] back = new byte[photo.rgb().length];
    read.getRaster().getDataElements(0, 0, 257, 131, back);
    assertArrayEquals(photo.rgb(), back);
  }

  @Test
  void concurrentEncodesEqualSingleThreadedOnes() throws Exception {
    PngEncoder encoder = new PngEncoder(1, Filter.UP, Filter.SUB);
    List<AlphaMask> masks = new ArrayList<>();
    List<RgbImage> photos = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      masks.add(i % 2 == 0 ? Images.ellipse(400 + i, 300, i) : randomMask(200, 150 + i, i));
      photos.add(Images.noise(masks.get(i).width(), masks.get(i).height(), i));
    }
    List<byte[]> expectedGrey = new ArrayList<>();
    List<byte[]> expectedRgba = new ArrayList<>();
    for (int i = 0; i < masks.size(); i++) {
      expectedGrey.add(encoder.grey(masks.get(i)));
      expectedRgba.add(encoder.rgba(photos.get(i), masks.get(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int round = 0; round < 64; round++) {
        int i = round % masks.size();
        results.add(pool.submit(() -> java.util.Arrays.equals(expectedGrey.get(i), encoder.grey(masks.get(i)))
            && java.util.Arrays.equals(expectedRgba.get(i), encoder.rgba(photos.get(i), masks.get(i)))));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Real mask shapes at the sizes the server sees, checked against both decoders. */
  @Test
  void evaluationMasksRoundTripAtFullHdAnd12Megapixels() throws Exception {
    Path evaldata = Images.sharedEvaldata();
    List<Path> files;
    try (Stream<Path> s = Files.list(evaldata.resolve("ccp").resolve("masks"))) {
      files = s.sorted().limit(2).toList();
    }
    OpenCv.load();
    for (Path file : files) {
      Mat small = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_GRAYSCALE);
      for (int[] size : new int[][] {{1920, 1080}, {4096, 3072}}) {
        Mat big = new Mat();
        Imgproc.resize(small, big, new Size(size[0], size[1]), 0, 0, Imgproc.INTER_LINEAR);
        byte[] alpha = new byte[size[0] * size[1]];
        big.get(0, 0, alpha);
        big.release();
        AlphaMask mask = new AlphaMask(size[0], size[1], alpha);
        byte[] png = PngEncoder.DEFAULT.grey(mask);
        assertArrayEquals(alpha, Images.grey(ImageIO.read(new java.io.ByteArrayInputStream(png))), file.toString());
        assertArrayEquals(alpha, Images.opencv(png, 1), file.toString());
      }
      small.release();
    }
  }
}
