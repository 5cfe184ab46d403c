package io.humanseg.bench;

import io.humanseg.encode.PngEncoder;
import io.humanseg.encode.PngEncoder.Filter;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.ImageDecoder;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmenter;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import nu.pattern.OpenCV;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The grey PNG of a mask (every default response carries one), written by each candidate: {@link PngEncoder}
 * as shipped ({@code own-runs-up}: {@code RunDeflater} with the Up filter), with zlib ({@code own-up-1}, the
 * earlier default) and other filters or levels, ImageIO, and OpenCV's libpng. The figures behind
 * {@link PngEncoder}'s choice. Masks are the built-in model's masks of the benchmark photos at full size. The
 * compressed size of each variant is printed once at setup (it does not vary between runs). One core per mask
 * ({@code humanseg.bands=1}), like the other encoders.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dhumanseg.bands=1"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class PngMaskBench {
  private static final PngEncoder RUNS_NONE = new PngEncoder(PngEncoder.Deflate.RUNS, 1, Filter.NONE, Filter.NONE);
  private static final PngEncoder ZLIB_UP_1 = new PngEncoder(1, Filter.UP, Filter.SUB);

  @Param({"1920x1080", "4096x3072"})
  public String size;

  @Param({"own-runs-up", "own-runs-none", "own-up-1", "own-sub-1", "own-none-1", "own-up-3", "imageio-default",
      "imageio-1", "opencv-default", "opencv-1-rle"})
  public String variant;

  private List<AlphaMask> masks;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    OpenCV.loadLocally();
    int width = BenchInputs.width(size);
    int height = BenchInputs.height(size);
    try (Segmenter segmenter = BenchInputs.segmenter(1)) {
      masks = BenchInputs.reduced(new ImageDecoder(), BenchInputs.jpegs(size)).stream()
          .map(image -> segmenter.segment(image, width, height, SegmentOptions.defaults()).mask())
          .toList();
    }
    long bytes = masks.stream().mapToLong(m -> encode(m).length).sum() / masks.size();
    System.out.printf(Locale.ROOT, "%n%s %s: %d bytes per mask on average%n", variant, size, bytes);
  }

  @Benchmark
  public byte[] encodeMask() {
    next = (next + 1) % masks.size();
    return encode(masks.get(next));
  }

  private byte[] encode(AlphaMask mask) {
    return switch (variant) {
      case "own-runs-up" -> PngEncoder.DEFAULT.grey(mask);
      case "own-runs-none" -> RUNS_NONE.grey(mask);
      case "own-up-1" -> ZLIB_UP_1.grey(mask);
      case "own-sub-1" -> new PngEncoder(1, Filter.SUB, Filter.SUB).grey(mask);
      case "own-none-1" -> new PngEncoder(1, Filter.NONE, Filter.NONE).grey(mask);
      case "own-up-3" -> new PngEncoder(3, Filter.UP, Filter.UP).grey(mask);
      case "imageio-default" -> imageIo(mask, -1);
      case "imageio-1" -> imageIo(mask, 1);
      case "opencv-default" -> openCv(mask, new MatOfInt());
      case "opencv-1-rle" -> openCv(mask, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 1,
          Imgcodecs.IMWRITE_PNG_STRATEGY, Imgcodecs.IMWRITE_PNG_STRATEGY_RLE));
      default -> throw new IllegalArgumentException(variant);
    };
  }

  /** ImageIO's PNG writer, at its default level or at an explicit zlib level. */
  private static byte[] imageIo(AlphaMask mask, int level) {
    BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(mask.alpha(), 0, pixels, 0, pixels.length);
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** OpenCV's imencode (libpng and OpenCV's zlib), including the copy into the Mat. */
  private static byte[] openCv(AlphaMask mask, MatOfInt params) {
    Mat mat = new Mat(mask.height(), mask.width(), CvType.CV_8UC1);
    mat.put(0, 0, mask.alpha());
    MatOfByte out = new MatOfByte();
    Imgcodecs.imencode(".png", mat, out, params);
    byte[] png = out.toArray();
    mat.release();
    out.release();
    params.release();
    return png;
  }
}
