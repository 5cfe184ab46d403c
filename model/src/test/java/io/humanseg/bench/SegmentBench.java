package io.humanseg.bench;

import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmentation;
import io.humanseg.segment.Segmenter;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Segmentation with the default options (first pass, second pass on the subject, no refinement) of the
 * reduced-size decoded photo, mask at the photo's full size, with 1 or 2 ORT intra-op threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class SegmentBench {
  @Param({"1920x1080", "4096x3072"})
  public String size;

  @Param({"1", "2"})
  public int intraOpThreads;

  private Segmenter segmenter;
  private List<RgbImage> images;
  private int width;
  private int height;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    segmenter = BenchInputs.segmenter(intraOpThreads);
    images = BenchInputs.reduced(new ImageDecoder(), BenchInputs.jpegs(size));
    width = BenchInputs.width(size);
    height = BenchInputs.height(size);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    segmenter.close();
  }

  @Benchmark
  public Segmentation segment() {
    next = (next + 1) % images.size();
    return segmenter.segment(images.get(next), width, height, SegmentOptions.defaults());
  }
}
