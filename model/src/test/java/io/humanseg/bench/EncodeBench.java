package io.humanseg.bench;

import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.EncodedResult;
import io.humanseg.encode.ResultEncoder;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.ImageDecoder;
import io.humanseg.segment.SegmentOptions;
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
import org.openjdk.jmh.annotations.Warmup;

/** The encode stage for the default output: the real masks of the photos as grey PNG at full size. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class EncodeBench {
  @Param({"1920x1080", "4096x3072"})
  public String size;

  private final ResultEncoder encoder = new ResultEncoder();
  private final EncodeOptions alpha = EncodeOptions.alpha();
  private List<AlphaMask> masks;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    int width = BenchInputs.width(size);
    int height = BenchInputs.height(size);
    try (Segmenter segmenter = BenchInputs.segmenter(1)) {
      masks = BenchInputs.reduced(new ImageDecoder(), BenchInputs.jpegs(size)).stream()
          .map(image -> segmenter.segment(image, width, height, SegmentOptions.defaults()).mask())
          .toList();
    }
  }

  @Benchmark
  public EncodedResult encodeAlphaPng() {
    next = (next + 1) % masks.size();
    return encoder.encode(null, masks.get(next), alpha);
  }
}
