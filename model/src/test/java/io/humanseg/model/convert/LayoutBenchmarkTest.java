package io.humanseg.model.convert;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.humanseg.model.convert.GoldenTensors.GoldenModel;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * NCHW against NHWC conversions under ONNX Runtime: file size, session load time and latency per inference at 1
 * and 2 intra-op threads with all graph optimizations. Off by default; run with
 * {@code mvn -pl model test -Dtest=LayoutBenchmarkTest -Dhumanseg.bench=true}. Only prints, asserts nothing.
 */
@EnabledIfSystemProperty(named = "humanseg.bench", matches = "true")
class LayoutBenchmarkTest {
  private static final int WARMUP = 30;
  private static final int RUNS = Integer.getInteger("humanseg.bench.runs", 200);
  private static final int ROUNDS = 10;
  private static final int LOADS = 5;

  @Test
  void compareLayouts() throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    for (GoldenModel model : GoldenTensors.models()) {
      byte[] tflite = model.tflite();
      Map<OnnxLayout, ConversionResult> converted = new EnumMap<>(OnnxLayout.class);
      for (OnnxLayout layout : OnnxLayout.values()) {
        long start = System.nanoTime();
        ConversionResult result = new TfliteToOnnxConverter().convert(tflite, ConversionOptions.of(layout));
        System.out.printf("bench %-9s %-4s onnx %d bytes, converted in %.0f ms%n", model.key(), layout,
            result.onnxModel().length, (System.nanoTime() - start) / 1e6);
        converted.put(layout, result);
      }
      float[] nhwc = GoldenTensors.read(model.cases().stream().filter(GoldenTensors.GoldenCase::isPhoto)
          .findFirst().orElseThrow().input());
      for (int threads : List.of(1, 2)) {
        compare(env, model, converted, nhwc, threads);
      }
    }
  }

  /**
   * Loads both layouts, then times them in alternating rounds (order swapped each round) so that a change in
   * machine load during the measurement affects both alike.
   */
  private static void compare(OrtEnvironment env, GoldenModel model, Map<OnnxLayout, ConversionResult> converted,
      float[] nhwc, int threads) throws Exception {
    Map<OnnxLayout, double[]> loads = new EnumMap<>(OnnxLayout.class);
    Map<OnnxLayout, double[]> times = new EnumMap<>(OnnxLayout.class);
    Map<OnnxLayout, OrtSession> sessions = new EnumMap<>(OnnxLayout.class);
    Map<OnnxLayout, OnnxTensor> inputs = new EnumMap<>(OnnxLayout.class);
    try (SessionOptions options = new SessionOptions()) {
      options.setOptimizationLevel(OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
      try {
        for (int i = 0; i < LOADS; i++) {
          for (OnnxLayout layout : OnnxLayout.values()) {
            long start = System.nanoTime();
            OrtSession session = env.createSession(converted.get(layout).onnxModel(), options);
            loads.computeIfAbsent(layout, l -> new double[LOADS])[i] = (System.nanoTime() - start) / 1e6;
            OrtSession previous = sessions.put(layout, session);
            if (previous != null) {
              previous.close();
            }
          }
        }
        for (OnnxLayout layout : OnnxLayout.values()) {
          ConversionResult result = converted.get(layout);
          float[] feed = layout == OnnxLayout.NCHW
              ? Layouts.permute(nhwc, model.inputShape(), Layouts.NHWC_TO_NCHW) : nhwc;
          inputs.put(layout, OnnxTensor.createTensor(env, FloatBuffer.wrap(feed), result.inputShape()));
          for (int i = 0; i < WARMUP; i++) {
            run(sessions.get(layout), result, inputs.get(layout));
          }
          times.put(layout, new double[RUNS]);
        }
        int perRound = RUNS / ROUNDS;
        for (int round = 0; round < ROUNDS; round++) {
          OnnxLayout[] order = OnnxLayout.values();
          if (round % 2 == 1) {
            order = new OnnxLayout[] {order[1], order[0]};
          }
          for (OnnxLayout layout : order) {
            for (int i = 0; i < perRound; i++) {
              long start = System.nanoTime();
              run(sessions.get(layout), converted.get(layout), inputs.get(layout));
              times.get(layout)[round * perRound + i] = (System.nanoTime() - start) / 1e6;
            }
          }
        }
      } finally {
        for (OrtSession s : sessions.values()) {
          s.close();
        }
        for (OnnxTensor t : inputs.values()) {
          t.close();
        }
      }
    }
    for (OnnxLayout layout : OnnxLayout.values()) {
      double[] t = times.get(layout);
      System.out.printf("bench %-9s %-4s threads %d: session load median %.1f ms; inference median %.2f ms"
              + " (p10 %.2f, p90 %.2f, %d runs)%n", model.key(), layout, threads, median(loads.get(layout)),
          median(t), percentile(t, 0.1), percentile(t, 0.9), t.length);
    }
  }

  private static void run(OrtSession session, ConversionResult result, OnnxTensor input) throws Exception {
    session.run(Map.of(result.inputName(), input)).close();
  }

  private static double median(double[] values) {
    return percentile(values, 0.5);
  }

  private static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
  }
}
