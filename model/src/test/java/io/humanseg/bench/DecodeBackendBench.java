package io.humanseg.bench;

import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
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
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The decode backends that {@code ImageDecoder} chooses between, each on the whole path to an RGB byte array
 * (decode, channel order, copy out of native memory): ImageIO and OpenCV on JPEG at full size, both at half size
 * (ImageIO by subsampling, OpenCV by scaling in the DCT), and both on PNG; and {@code ImageDecoder} itself, whose
 * backend for reduced-size JPEG is Leptonica where its natives load (libjpeg-turbo with SIMD; measured at full
 * size too, before full-size JPEG went back to ImageIO). The figures
 * behind {@code ImageDecoder}'s choice of backend per format and size; {@link DecodeBench} times the decoder as
 * the pipeline calls it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class DecodeBackendBench {
  @Param({"1920x1080", "4096x3072"})
  public String size;

  @Param({"jpeg-full", "jpeg-half", "png-full"})
  public String input;

  private List<byte[]> files;
  private int next;
  private final ImageDecoder decoder = new ImageDecoder();

  @Setup(Level.Trial)
  public void setUp() {
    OpenCV.loadLocally();
    List<byte[]> jpegs = BenchInputs.jpegs(size);
    files = input.startsWith("png") ? jpegs.stream().map(DecodeBackendBench::png).toList() : jpegs;
  }

  private byte[] nextFile() {
    next = (next + 1) % files.size();
    return files.get(next);
  }

  @Benchmark
  public byte[] imageIo() {
    return imageIo(nextFile(), input.endsWith("half") ? 2 : 1);
  }

  /** The shipped decoder, routing included (header read and orientation are a small part). */
  @Benchmark
  public RgbImage shipped() {
    byte[] file = nextFile();
    if (!input.endsWith("half")) {
      return decoder.decode(file);
    }
    int x = size.indexOf('x');
    int halfWidth = Integer.parseInt(size.substring(0, x)) / 2;
    return decoder.decode(file, halfWidth, Integer.parseInt(size.substring(x + 1)) / 2);
  }

  @Benchmark
  public byte[] openCv() {
    return openCv(nextFile(), input.endsWith("half") ? Imgcodecs.IMREAD_REDUCED_COLOR_2 : Imgcodecs.IMREAD_COLOR);
  }

  private static byte[] imageIo(byte[] file, int subsampling) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      try {
        reader.setInput(in);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        BufferedImage image = reader.read(0, param);
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
          BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
          bgr.getGraphics().drawImage(image, 0, 0, null);
          image = bgr;
        }
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
          rgb[i] = bgr[i + 2];
          rgb[i + 1] = bgr[i + 1];
          rgb[i + 2] = bgr[i];
        }
        return rgb;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] openCv(byte[] file, int flags) {
    MatOfByte data = new MatOfByte(file);
    Mat bgr = Imgcodecs.imdecode(data, flags);
    Imgproc.cvtColor(bgr, bgr, Imgproc.COLOR_BGR2RGB);
    byte[] rgb = new byte[(int) (bgr.total() * bgr.channels())];
    bgr.get(0, 0, rgb);
    bgr.release();
    data.release();
    return rgb;
  }

  private static byte[] png(byte[] jpeg) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
