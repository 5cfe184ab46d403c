package io.humanseg.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decode time per image, ImageIO against OpenCV, full and reduced, on evaluation photos upscaled to 1920x1080 and
 * 4096x3072 and re-encoded in memory (JPEG quality 90; also PNG, lossy WebP and BMP at 1080p). Every figure is
 * the whole path to an RGB byte array: decode, channel order, copy out of native memory. Off by default; run with
 * {@code ./mvnw -pl common-model test -Dtest=DecodeBenchmarkTest -Dhumanseg.bench=true}
 * ({@code -Dhumanseg.bench.rounds=N}, default 15). Prints medians and minimums; asserts nothing. A quick loop
 * for choosing backends, not a substitute for JMH.
 */
@EnabledIfSystemProperty(named = "humanseg.bench", matches = "true")
class DecodeBenchmarkTest {
  private static final int ROUNDS = Integer.getInteger("humanseg.bench.rounds", 15);
  private static final int WARMUP = 4;
  private static final int PHOTOS = 2;

  private static final OpenCvDecoder OPEN_CV = new OpenCvDecoder();
  private static final ImageIoDecoder IMAGE_IO = new ImageIoDecoder();
  private static final ImageDecoder DECODER = new ImageDecoder();

  @Test
  void compareBackends() throws Exception {
    OpenCvDecoder.ensureLoaded();
    List<Path> photos = SharedPhotos.photos(1).subList(0, PHOTOS);
    System.out.printf("bench decode: %d rounds, %d photos, %d cores, java %s%n", ROUNDS, photos.size(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    for (int[] size : new int[][] {{1920, 1080}, {4096, 3072}}) {
      Map<String, double[]> jpegTimes = new LinkedHashMap<>();
      Map<String, double[]> otherTimes = new LinkedHashMap<>();
      for (Path photo : photos) {
        Mat source = Imgcodecs.imread(photo.toString());
        Mat big = new Mat();
        Imgproc.resize(source, big, new Size(size[0], size[1]), 0, 0, Imgproc.INTER_CUBIC);
        byte[] jpeg = TestImages.openCv(big, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
        merge(jpegTimes, time(jpegCases(jpeg)));
        if (size[0] == 1920) {
          Map<String, Function<byte[], Object>> other = new LinkedHashMap<>();
          byte[] png = TestImages.openCv(big, ".png");
          byte[] webp = TestImages.openCv(big, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 90);
          byte[] bmp = TestImages.openCv(big, ".bmp");
          other.put("PNG  imageio", d -> backend(IMAGE_IO, png, 1));
          other.put("PNG  opencv", d -> backend(OPEN_CV, png, 1));
          other.put("WebP imageio (TwelveMonkeys)", d -> backend(IMAGE_IO, webp, 1));
          other.put("WebP opencv", d -> backend(OPEN_CV, webp, 1));
          other.put("BMP  imageio (TwelveMonkeys)", d -> backend(IMAGE_IO, bmp, 1));
          other.put("BMP  opencv", d -> backend(OPEN_CV, bmp, 1));
          merge(otherTimes, time(other));
          System.out.printf("bench %s: JPEG %d KB, PNG %d KB, WebP %d KB, BMP %d KB%n", photo.getFileName(),
              jpeg.length / 1024, png.length / 1024, webp.length / 1024, bmp.length / 1024);
        } else {
          System.out.printf("bench %s: JPEG %d KB%n", photo.getFileName(), jpeg.length / 1024);
        }
      }
      print("JPEG " + size[0] + "x" + size[1], jpegTimes);
      if (!otherTimes.isEmpty()) {
        print("other formats " + size[0] + "x" + size[1], otherTimes);
      }
    }
  }

  private static Map<String, Function<byte[], Object>> jpegCases(byte[] jpeg) {
    Map<String, Function<byte[], Object>> cases = new LinkedHashMap<>();
    byte[] tagged = TestImages.withIccProfile(jpeg, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    cases.put("imageio full", d -> backend(IMAGE_IO, jpeg, 1));
    cases.put("imageio full, sRGB profile embedded", d -> backend(IMAGE_IO, tagged, 1));
    cases.put("  JDK reader's default: profile applied", d -> imageIoDefault(tagged));
    cases.put("imageio source subsampling 1/4", d -> imageIoSubsampled(jpeg, 4));
    cases.put("opencv full", d -> backend(OPEN_CV, jpeg, 1));
    cases.put("opencv 1/2", d -> backend(OPEN_CV, jpeg, 2));
    cases.put("opencv 1/4", d -> backend(OPEN_CV, jpeg, 4));
    cases.put("opencv 1/8", d -> backend(OPEN_CV, jpeg, 8));
    cases.put("ImageDecoder decode(data)", d -> DECODER.decode(jpeg));
    cases.put("ImageDecoder decode(data, 256, 256)", d -> DECODER.decode(jpeg, 256, 256));
    byte[] turned = TestImages.withExif(jpeg, TestImages.exifTiff(6, java.nio.ByteOrder.BIG_ENDIAN));
    cases.put("ImageDecoder decode(data), EXIF 6", d -> DECODER.decode(turned));
    cases.put("ImageDecoder decode(data, 256, 256), EXIF 6", d -> DECODER.decode(turned, 256, 256));
    return cases;
  }

  private static RgbImage backend(PixelDecoder backend, byte[] data, int scale) {
    return OrientationTransform.toDisplayed(backend.decode(data, HeaderReader.read(data), scale),
        ExifOrientation.NORMAL);
  }

  /** ImageIO.read's way: the JDK reader's default sRGB destination, so an embedded profile is converted from. */
  private static Object imageIoDefault(byte[] jpeg) {
    ImageReader reader = null;
    for (var it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
      ImageReader candidate = it.next();
      if (candidate.getClass().getName().startsWith("com.sun.")) {
        reader = candidate;
      }
    }
    try (ImageInputStream in = new ByteArrayImageInputStream(jpeg)) {
      reader.setInput(in, true, true);
      return reader.read(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      reader.dispose();
    }
  }

  /** What "reduced" means for ImageIO: it has no DCT scaling, only subsampling after a full decode. */
  private static Object imageIoSubsampled(byte[] jpeg, int factor) {
    ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
    try (ImageInputStream in = new ByteArrayImageInputStream(jpeg)) {
      reader.setInput(in, true, true);
      ImageReadParam param = reader.getDefaultReadParam();
      param.setSourceSubsampling(factor, factor, 0, 0);
      return reader.read(0, param);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      reader.dispose();
    }
  }

  /** Milliseconds per case, rounds interleaved so that a change in machine load hits every case alike. */
  private static Map<String, double[]> time(Map<String, Function<byte[], Object>> cases) {
    Map<String, double[]> times = new LinkedHashMap<>();
    for (var c : cases.entrySet()) {
      for (int i = 0; i < WARMUP; i++) {
        c.getValue().apply(null);
      }
      times.put(c.getKey(), new double[ROUNDS]);
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (var c : cases.entrySet()) {
        long start = System.nanoTime();
        c.getValue().apply(null);
        times.get(c.getKey())[round] = (System.nanoTime() - start) / 1e6;
      }
    }
    return times;
  }

  private static void merge(Map<String, double[]> into, Map<String, double[]> more) {
    for (var e : more.entrySet()) {
      double[] old = into.get(e.getKey());
      if (old == null) {
        into.put(e.getKey(), e.getValue());
      } else {
        double[] joined = Arrays.copyOf(old, old.length + e.getValue().length);
        System.arraycopy(e.getValue(), 0, joined, old.length, e.getValue().length);
        into.put(e.getKey(), joined);
      }
    }
  }

  private static void print(String title, Map<String, double[]> times) {
    System.out.printf("bench %s (ms per image: median / min over %d runs)%n", title,
        times.values().iterator().next().length);
    for (var e : times.entrySet()) {
      double[] t = e.getValue().clone();
      Arrays.sort(t);
      System.out.printf("bench   %-44s %7.1f / %6.1f%n", e.getKey(), t[t.length / 2], t[0]);
    }
  }
}
