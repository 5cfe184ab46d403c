package io.humanseg.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.humanseg.model.convert.ConversionOptions;
import io.humanseg.model.convert.ConversionResult;
import io.humanseg.model.convert.OnnxLayout;
import io.humanseg.model.convert.TfliteToOnnxConverter;
import io.humanseg.model.fetch.BuiltinSources;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
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
 * One inference of the built-in selfie model as converted to each ONNX layout (NCHW against NHWC), under ONNX
 * Runtime with all graph optimizations, at 1 and 2 intra-op threads. The figures behind the converter's default
 * layout. Inference time does not depend on the pixel values, so the input is seeded noise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class LayoutBench {
  @Param({"NCHW", "NHWC"})
  public OnnxLayout layout;

  @Param({"1", "2"})
  public int threads;

  private OrtSession session;
  private OnnxTensor input;
  private String inputName;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    byte[] tflite = BuiltinSources.tflite("selfie_segmentation.tflite");
    ConversionResult model = new TfliteToOnnxConverter().convert(tflite, ConversionOptions.of(layout));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (SessionOptions options = new SessionOptions()) {
      options.setOptimizationLevel(OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
      session = env.createSession(model.onnxModel(), options);
    }
    long[] shape = model.input().shape();
    float[] values = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
    Random random = new Random(1);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat();
    }
    input = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
    inputName = model.inputName();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    input.close();
    session.close();
  }

  @Benchmark
  public void infer() throws OrtException {
    session.run(Map.of(inputName, input)).close();
  }
}
