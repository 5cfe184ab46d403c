package io.humanseg.bench;

import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
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

/** JPEG decode: every pixel, and at the reduced size the pipeline asks for with the default options. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class DecodeBench {
  @Param({"1920x1080", "4096x3072"})
  public String size;

  private final ImageDecoder decoder = new ImageDecoder();
  private List<byte[]> jpegs;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    jpegs = BenchInputs.jpegs(size);
  }

  private byte[] nextJpeg() {
    next = (next + 1) % jpegs.size();
    return jpegs.get(next);
  }

  @Benchmark
  public RgbImage decodeFull() {
    return decoder.decode(nextJpeg());
  }

  @Benchmark
  public RgbImage decodeReduced() {
    return decoder.decode(nextJpeg(), BenchInputs.REDUCED_MIN, BenchInputs.REDUCED_MIN);
  }
}
