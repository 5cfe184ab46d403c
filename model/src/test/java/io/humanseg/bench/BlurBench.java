package io.humanseg.bench;

import io.humanseg.encode.BackgroundBlur;
import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
import java.util.concurrent.TimeUnit;
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
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The blurred background of a composite ({@code bg_blur}): {@link BackgroundBlur} as shipped against OpenCV's
 * full-size Gaussian and stack blur, each including the copies into and out of the Mat. The figures behind
 * {@link BackgroundBlur}'s choice.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class BlurBench {
  @Param({"1920x1080", "4096x3072"})
  public String size;

  @Param({"4", "10", "25"})
  public double sigma;

  private RgbImage photo;

  @Setup(Level.Trial)
  public void setUp() {
    OpenCV.loadLocally();
    photo = new ImageDecoder().decode(BenchInputs.jpegs(size).get(0));
  }

  @Benchmark
  public RgbImage backgroundBlur() {
    return BackgroundBlur.blur(photo, sigma);
  }

  @Benchmark
  public byte[] openCvGaussian() {
    int k = 2 * (int) Math.ceil(3 * sigma) + 1;
    return viaMat((src, dst) -> Imgproc.GaussianBlur(src, dst, new Size(k, k), sigma));
  }

  @Benchmark
  public byte[] openCvStackBlur() {
    int k = 2 * (int) Math.ceil(3 * sigma) + 1;
    return viaMat((src, dst) -> Imgproc.stackBlur(src, dst, new Size(k, k)));
  }

  private byte[] viaMat(java.util.function.BiConsumer<Mat, Mat> op) {
    Mat src = new Mat(photo.height(), photo.width(), CvType.CV_8UC3);
    src.put(0, 0, photo.rgb());
    Mat dst = new Mat();
    op.accept(src, dst);
    byte[] out = new byte[photo.rgb().length];
    dst.get(0, 0, out);
    src.release();
    dst.release();
    return out;
  }
}
