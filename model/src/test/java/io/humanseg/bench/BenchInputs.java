package io.humanseg.bench;

import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.segment.Segmenter;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The benchmarks' inputs, made at setup and never stored: evaluation photos from the shared folder, stretched
 * with Java2D bilinear interpolation to the benchmarked size and encoded as quality-90 JPEG.
 *
 * <p>The shared folder is the system property {@code humanseg.shared}, else {@code ../shared} relative to the
 * repository root (looked up from the working directory, which is the repository root or the model module).
 */
final class BenchInputs {
  /** The evaluation photos the benchmarks cycle through (portraits of about 550x830). */
  static final List<String> PHOTOS = List.of(
      "evaldata/ccp/images/ccp_0001.jpg",
      "evaldata/ccp/images/ccp_0021.jpg",
      "evaldata/ccp/images/ccp_0041.jpg",
      "evaldata/ccp/images/ccp_0062.jpg");
  /** What the pipeline asks the decoder for with the default options: the 256x256 model input, times 2. */
  static final int REDUCED_MIN = 512;
  static final float JPEG_QUALITY = 0.9f;

  private static final Map<String, List<byte[]>> JPEGS = new ConcurrentHashMap<>();

  private BenchInputs() {}

  /** @param size "WIDTHxHEIGHT" */
  static int width(String size) {
    return Integer.parseInt(size.substring(0, size.indexOf('x')));
  }

  static int height(String size) {
    return Integer.parseInt(size.substring(size.indexOf('x') + 1));
  }

  /** The photos as JPEGs of the given size ("1920x1080"). */
  static List<byte[]> jpegs(String size) {
    return JPEGS.computeIfAbsent(size, s -> {
      List<byte[]> out = new ArrayList<>();
      for (String photo : PHOTOS) {
        out.add(jpeg(stretch(read(shared().resolve(photo)), width(s), height(s))));
      }
      return List.copyOf(out);
    });
  }

  /** A segmenter on the built-in models with the given ORT intra-op threads. */
  static Segmenter segmenter(int intraOpThreads) {
    return new Segmenter(new BuiltinModelProvider(), new InferenceConfig(intraOpThreads, 2));
  }

  /** The photos decoded as the pipeline decodes them with the default options (at reduced size). */
  static List<RgbImage> reduced(ImageDecoder decoder, List<byte[]> jpegs) {
    return jpegs.stream().map(j -> decoder.decode(j, REDUCED_MIN, REDUCED_MIN)).toList();
  }

  static Path shared() {
    String property = System.getProperty("humanseg.shared");
    List<Path> candidates = property != null && !property.isBlank()
        ? List.of(Path.of(property))
        : List.of(Path.of("..", "shared"), Path.of("..", "..", "shared"));
    for (Path c : candidates) {
      if (Files.isDirectory(c.resolve("evaldata"))) {
        return c;
      }
    }
    throw new IllegalStateException("no evaldata in " + candidates.stream().map(p -> p.toAbsolutePath().normalize()).toList()
        + "; set -Dhumanseg.shared=<folder beside the checkout>");
  }

  private static BufferedImage read(Path file) {
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new IllegalStateException("not an image: " + file);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage stretch(BufferedImage source, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
