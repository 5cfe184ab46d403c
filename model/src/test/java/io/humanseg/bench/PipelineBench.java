package io.humanseg.bench;

import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.ResultEncoder;
import io.humanseg.image.ImageDecoder;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The whole request path, {@code process(jpeg, SegmentOptions.defaults(), EncodeOptions.alpha())}: decode at
 * reduced size, segment, grey PNG at full size. One pipeline (ORT intra-op threads 1) shared by every
 * benchmark thread, as in the server.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PipelineBench {
  @Param({"1920x1080", "4096x3072"})
  public String size;

  private SegmentationPipeline pipeline;
  private List<byte[]> jpegs;
  private final AtomicInteger next = new AtomicInteger();
  private final SegmentOptions options = SegmentOptions.defaults();
  private final EncodeOptions output = EncodeOptions.alpha();

  @Setup(Level.Trial)
  public void setUp() {
    pipeline = new SegmentationPipeline(new ImageDecoder(), BenchInputs.segmenter(1), new ResultEncoder());
    jpegs = BenchInputs.jpegs(size);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pipeline.segmenter().close();
  }

  private SegmentationPipeline.Processed processNext() {
    byte[] jpeg = jpegs.get(Math.floorMod(next.getAndIncrement(), jpegs.size()));
    return pipeline.process(jpeg, options, output);
  }

  /** Latency of one request on one thread. */
  @Benchmark
  public SegmentationPipeline.Processed process() {
    return processNext();
  }

  /** Requests per second with one caller thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @org.openjdk.jmh.annotations.Threads(1)
  public SegmentationPipeline.Processed throughput1Thread() {
    return processNext();
  }

  /** Requests per second with two caller threads on the one shared pipeline. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @org.openjdk.jmh.annotations.Threads(2)
  public SegmentationPipeline.Processed throughput2Threads() {
    return processNext();
  }
}
