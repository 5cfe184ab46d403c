package io.humanseg.encode;

import io.humanseg.encode.PngEncoder.Filter;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Size against time of the ways to write the response's PNG, and the cost of blur, blend, JPEG and WebP, at
 * 1920x1080 and 4096x3072. The figures behind {@link PngEncoder}'s and {@link BackgroundBlur}'s choices. Off by
 * default; run with {@code ./mvnw -pl common-model test -Dtest=EncodeBenchmarkTest -Dhumanseg.bench=true}.
 * Prints, asserts nothing but that every PNG reads back exactly. Masks are the shared evaluation masks
 * upscaled (binary: thresholded; soft: through 256x256 like a model's output), or synthetic ellipses without the
 * shared folder. Median of {@code humanseg.bench.runs} (default 7) per image, averaged over images.
 */
@EnabledIfSystemProperty(named = "humanseg.bench", matches = "true")
class EncodeBenchmarkTest {
  private static final int RUNS = Integer.getInteger("humanseg.bench.runs", 7);
  private static final int[][] SIZES = {{1920, 1080}, {4096, 3072}};

  private interface Encoding {
    byte[] encode(byte[] pixels, int width, int height) throws Exception;
  }

  @Test
  void pngOfMasks() throws Exception {
    OpenCv.load();
    Map<String, Encoding> variants = new LinkedHashMap<>();
    variants.put("ImageIO default (level 4, adaptive)", (p, w, h) -> imageio(p, w, h, 1, -1));
    variants.put("ImageIO level 1 (adaptive)", (p, w, h) -> imageio(p, w, h, 1, 1));
    variants.put("OpenCV default (Sub, level 1, RLE)", (p, w, h) -> opencv(p, w, h, 1, -1, 0));
    variants.put("OpenCV level 1 (adaptive, default)", (p, w, h) -> opencv(p, w, h, 1, 1, 0));
    variants.put("OpenCV level 1 (adaptive, RLE)", (p, w, h) -> opencv(p, w, h, 1, 1, 3));
    variants.put("OpenCV level 6 (adaptive, FILTERED)", (p, w, h) -> opencv(p, w, h, 1, 6, 1));
    for (Filter f : Filter.values()) {
      for (int level : new int[] {1, 3}) {
        PngEncoder e = new PngEncoder(level, f, f);
        variants.put("own " + f + " level " + level, (p, w, h) -> e.grey(new AlphaMask(w, h, p)));
      }
    }
    PngEncoder up6 = new PngEncoder(6, Filter.UP, Filter.UP);
    variants.put("own UP level 6", (p, w, h) -> up6.grey(new AlphaMask(w, h, p)));
    for (boolean soft : new boolean[] {false, true}) {
      for (int[] size : SIZES) {
        List<byte[]> masks = masks(size[0], size[1], soft);
        System.out.printf(Locale.ROOT, "bench grey PNG %dx%d %s masks (%d)%n", size[0], size[1],
            soft ? "soft" : "binary", masks.size());
        run(variants, masks, size[0], size[1], 1);
        double stats = medianMs(() -> {
          for (byte[] m : masks) {
            ForegroundStats.of(new AlphaMask(size[0], size[1], m));
          }
        }) / masks.size();
        System.out.printf(Locale.ROOT, "bench   ForegroundStats.of                     %7.1f ms%n", stats);
      }
    }
  }

  @Test
  void pngOfCutOuts() throws Exception {
    OpenCv.load();
    Map<String, Encoding> variants = new LinkedHashMap<>();
    variants.put("ImageIO level 1 (adaptive)", (p, w, h) -> imageio(p, w, h, 4, 1));
    variants.put("OpenCV default (Sub, level 1, RLE)", (p, w, h) -> opencv(p, w, h, 4, -1, 0));
    variants.put("OpenCV level 1 (adaptive, default)", (p, w, h) -> opencv(p, w, h, 4, 1, 0));
    // Ours starts from the RgbImage and AlphaMask the pipeline has; ImageIO and OpenCV from interleaved RGBA.
    Map<byte[], RgbImage> rgbs = new IdentityHashMap<>();
    Map<byte[], AlphaMask> alphas = new IdentityHashMap<>();
    for (Filter f : Filter.values()) {
      PngEncoder e = new PngEncoder(1, f, f);
      variants.put("own " + f + " level 1", (p, w, h) -> e.rgba(rgbs.get(p), alphas.get(p)));
    }
    for (int[] size : SIZES) {
      List<byte[]> rgba = photos(size[0], size[1], true);
      rgbs.clear();
      alphas.clear();
      for (byte[] p : rgba) {
        rgbs.put(p, rgbOf(p, size[0], size[1]));
        alphas.put(p, alphaOf(p, size[0], size[1]));
      }
      System.out.printf(Locale.ROOT, "bench RGBA PNG %dx%d photos (%d)%n", size[0], size[1], rgba.size());
      run(variants, rgba, size[0], size[1], 4);
    }
  }

  @Test
  void compositeStages() throws Exception {
    OpenCv.load();
    for (int[] size : SIZES) {
      int w = size[0];
      int h = size[1];
      byte[] rgba = photos(w, h, false).get(0);
      RgbImage photo = rgbOf(rgba, w, h);
      AlphaMask mask = alphaOf(rgba, w, h);
      System.out.printf(Locale.ROOT, "bench composite stages %dx%d%n", w, h);
      for (double sigma : new double[] {4, 10, 25, 50}) {
        print("BackgroundBlur sigma " + sigma, medianMs(() -> BackgroundBlur.blur(photo, sigma)), -1);
        // Like BackgroundBlur, these include the copies into and out of the Mat.
        int k = 2 * (int) Math.ceil(3 * sigma) + 1;
        if (sigma <= 25) {
          print("OpenCV GaussianBlur full size sigma " + sigma, medianMs(() -> viaMat(photo,
              (src, dst) -> Imgproc.GaussianBlur(src, dst, new Size(k, k), sigma))), -1);
        }
        print("OpenCV stackBlur full size sigma " + sigma, medianMs(() -> viaMat(photo,
            (src, dst) -> Imgproc.stackBlur(src, dst, new Size(k, k)))), -1);
      }
      RgbImage bg = BackgroundBlur.blur(photo, 10);
      print("blend (Compositor.blendInto)",
          medianMs(() -> Compositor.blendInto(photo.rgb(), mask.alpha(), bg.rgb().clone())), -1);
      RgbImage other = Images.noise(w / 2 + 7, h / 2, 1);
      print("CoverScale.cover enlarge", medianMs(() -> CoverScale.cover(other, w, h)), -1);
      print("composite colour (render + blend)",
          medianMs(() -> Compositor.composite(photo, mask, new Background.Color(1, 2, 3))), -1);
      byte[][] last = new byte[1][];
      for (int q : new int[] {85, 90}) {
        print("JPEG ImageIO q" + q, medianMs(() -> last[0] = JpegEncoder.encode(photo, q)), last[0].length);
        Mat bgr = OpenCv.mat(photo);
        MatOfByte out = new MatOfByte();
        print("JPEG OpenCV q" + q, medianMs(() -> Imgcodecs.imencode(".jpg", bgr, out,
            new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, q))), out.total());
        bgr.release();
        out.release();
      }
      print("WebP OpenCV q85", medianMs(() -> last[0] = WebpEncoder.encode(photo, 85)), last[0].length);
      print("PNG RGB own SUB level 1", medianMs(() -> last[0] = PngEncoder.DEFAULT.rgb(photo)), last[0].length);
    }
  }

  private static RgbImage viaMat(RgbImage image, java.util.function.BiConsumer<Mat, Mat> op) {
    Mat src = OpenCv.mat(image);
    Mat dst = new Mat();
    op.accept(src, dst);
    RgbImage out = OpenCv.rgb(dst, new byte[image.rgb().length]);
    src.release();
    dst.release();
    return out;
  }

  private static void run(Map<String, Encoding> variants, List<byte[]> images, int w, int h, int channels)
      throws Exception {
    for (Map.Entry<String, Encoding> v : variants.entrySet()) {
      long bytes = 0;
      for (byte[] image : images) {
        byte[] png = v.getValue().encode(image, w, h); // warm-up and check
        bytes += png.length;
        verify(png, image, w, h, channels, v.getKey());
      }
      double ms = 0;
      for (byte[] image : images) {
        ms += medianMs(() -> v.getValue().encode(image, w, h));
      }
      print(v.getKey(), ms / images.size(), bytes / images.size());
    }
  }

  private interface Timed {
    void run() throws Exception;
  }

  private static double medianMs(Timed timed) throws Exception {
    timed.run();
    double[] t = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      timed.run();
      t[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(t);
    return t[RUNS / 2];
  }

  private static void print(String name, double ms, long bytes) {
    System.out.printf(Locale.ROOT, "bench   %-38s %7.1f ms%s%n", name, ms, bytes < 0 ? "" : String.format(
        Locale.ROOT, " %10d bytes", bytes));
  }

  private static void verify(byte[] png, byte[] pixels, int w, int h, int channels, String name) {
    BufferedImage read = Images.decode(png);
    if (read.getWidth() != w || read.getHeight() != h) {
      throw new AssertionError(name + ": size");
    }
    if (channels == 1) {
      if (!Arrays.equals(pixels, Images.grey(read)) || !Arrays.equals(pixels, Images.opencv(png, 1))) {
        throw new AssertionError(name + ": pixels differ");
      }
    } else {
      int[] row = new int[4 * w];
      for (int y = 0; y < h; y += 97) {
        read.getRaster().getPixels(0, y, w, 1, row);
        for (int i = 0; i < row.length; i++) {
          if (row[i] != (pixels[4 * y * w + i] & 0xff)) {
            throw new AssertionError(name + ": pixels differ");
          }
        }
      }
    }
  }

  private static byte[] imageio(byte[] p, int w, int h, int channels, int level) throws IOException {
    BufferedImage image = new BufferedImage(w, h, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY
        : BufferedImage.TYPE_4BYTE_ABGR);
    byte[] d = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    if (channels == 1) {
      System.arraycopy(p, 0, d, 0, p.length);
    } else {
      for (int i = 0; i < p.length; i += 4) {
        d[i] = p[i + 3];
        d[i + 1] = p[i + 2];
        d[i + 2] = p[i + 1];
        d[i + 3] = p[i];
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    if (level >= 0) {
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(1f - level / 9f);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** imencode, with level -1 for OpenCV's own defaults (no parameters). */
  private static byte[] opencv(byte[] p, int w, int h, int channels, int level, int strategy) {
    Mat mat = new Mat(h, w, channels == 1 ? CvType.CV_8UC1 : CvType.CV_8UC4);
    mat.put(0, 0, p);
    if (channels == 4) {
      Imgproc.cvtColor(mat, mat, Imgproc.COLOR_RGBA2BGRA);
    }
    MatOfByte out = new MatOfByte();
    MatOfInt params = level < 0 ? new MatOfInt()
        : new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, level, Imgcodecs.IMWRITE_PNG_STRATEGY, strategy);
    Imgcodecs.imencode(".png", mat, out, params);
    byte[] png = out.toArray();
    mat.release();
    out.release();
    params.release();
    return png;
  }

  private static List<Path> shared(String set, String folder, int limit) throws IOException {
    String property = System.getProperty("humanseg.shared");
    Path dir = (property != null ? Path.of(property) : Path.of("..", "..", "shared"))
        .resolve("evaldata").resolve(set).resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().limit(limit).toList();
    }
  }

  private static List<byte[]> masks(int w, int h, boolean soft) throws IOException {
    List<Path> files = new ArrayList<>(shared("ccp", "masks", 4));
    files.addAll(shared("vikram-humanseg-removebg-pseudogt", "masks", 4));
    List<byte[]> out = new ArrayList<>();
    for (Path file : files) {
      out.add(resizeMask(Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_GRAYSCALE), w, h, soft));
    }
    if (out.isEmpty()) {
      System.out.println("bench: no shared evaluation masks, using synthetic ellipses");
      for (double edge : new double[] {0, 2, 8}) {
        Mat m = new Mat(h, w, CvType.CV_8UC1);
        m.put(0, 0, Images.ellipse(w, h, edge).alpha());
        out.add(resizeMask(m, w, h, soft));
      }
    }
    return out;
  }

  private static byte[] resizeMask(Mat m, int w, int h, boolean soft) {
    Mat r = new Mat();
    if (soft) {
      Mat small = new Mat();
      Imgproc.resize(m, small, new Size(256, 256), 0, 0, Imgproc.INTER_AREA);
      Imgproc.resize(small, r, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
      small.release();
    } else {
      Imgproc.resize(m, r, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
      Imgproc.threshold(r, r, 127, 255, Imgproc.THRESH_BINARY);
    }
    byte[] a = new byte[w * h];
    r.get(0, 0, a);
    m.release();
    r.release();
    return a;
  }

  /** RGBA: evaluation photos upscaled (bicubic) with soft masks, or noise, with soft masks as alpha. */
  private static List<byte[]> photos(int w, int h, boolean zeroHidden) throws IOException {
    List<Path> images = shared("ccp", "images", 3);
    List<byte[]> masks = masks(w, h, true);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < Math.max(images.size(), 2); i++) {
      byte[] rgb = new byte[3 * w * h];
      if (i < images.size()) {
        Mat m = Imgcodecs.imread(images.get(i).toString(), Imgcodecs.IMREAD_COLOR);
        Mat r = new Mat();
        Imgproc.resize(m, r, new Size(w, h), 0, 0, Imgproc.INTER_CUBIC);
        Imgproc.cvtColor(r, r, Imgproc.COLOR_BGR2RGB);
        r.get(0, 0, rgb);
        m.release();
        r.release();
      } else {
        rgb = Images.noise(w, h, i).rgb();
      }
      byte[] a = masks.get(i % masks.size());
      byte[] rgba = new byte[4 * w * h];
      // Colour under alpha 0 is zeroed, as PngEncoder writes it, so that every writer gets the same pixels.
      for (int p = 0; p < w * h; p++) {
        int keep = zeroHidden && a[p] == 0 ? 0 : -1;
        rgba[4 * p] = (byte) (rgb[3 * p] & keep);
        rgba[4 * p + 1] = (byte) (rgb[3 * p + 1] & keep);
        rgba[4 * p + 2] = (byte) (rgb[3 * p + 2] & keep);
        rgba[4 * p + 3] = a[p];
      }
      out.add(rgba);
    }
    return out;
  }

  private static RgbImage rgbOf(byte[] rgba, int w, int h) {
    byte[] rgb = new byte[3 * w * h];
    for (int p = 0; p < w * h; p++) {
      rgb[3 * p] = rgba[4 * p];
      rgb[3 * p + 1] = rgba[4 * p + 1];
      rgb[3 * p + 2] = rgba[4 * p + 2];
    }
    return new RgbImage(w, h, rgb);
  }

  private static AlphaMask alphaOf(byte[] rgba, int w, int h) {
    byte[] a = new byte[w * h];
    for (int p = 0; p < w * h; p++) {
      a[p] = rgba[4 * p + 3];
    }
    return new AlphaMask(w, h, a);
  }
}
