package io.humanseg.model.convert;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.humanseg.model.convert.GoldenTensors.GoldenCase;
import io.humanseg.model.convert.GoldenTensors.GoldenModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs both converted MediaPipe graphs, in both layouts, with ONNX Runtime on every golden input and compares
 * with the float64 reference interpreter's results.
 *
 * <p>Tolerances. Float32 inference of these graphs differs from the float64 reference by rounding alone: the
 * logits reach several hundred, so their absolute error scales with that range (observed up to 1.6e-3, about
 * 2e-6 of the largest logit), and the worst positions move when ONNX Runtime's graph optimizations reorder the
 * arithmetic. Hence:
 * <ul>
 *   <li>photos: sigmoid output within {@value #PHOTO_OUTPUT_ABS} absolute (observed at most 2.2e-5), and logits
 *       within {@value #PHOTO_LOGITS_REL} relative;
 *   <li>const05, const128, rand1234, randu8_1234 (their sigmoid saturates): logits within
 *       {@value #SYNTHETIC_LOGITS_REL} relative,
 * </ul>
 * where relative means {@code max|a - b| / max(1, max|b|)} over the tensor. A wrong padding, resize mode or
 * weight layout gives errors of order 1 and above.
 */
class GoldenConversionTest {
  static final double PHOTO_OUTPUT_ABS = 5e-5;
  static final double PHOTO_LOGITS_REL = 1e-5;
  static final double SYNTHETIC_LOGITS_REL = 1e-4;

  static Stream<Arguments> modelsAndLayouts() throws Exception {
    List<Arguments> args = new ArrayList<>();
    for (GoldenModel model : GoldenTensors.models()) {
      for (OnnxLayout layout : OnnxLayout.values()) {
        args.add(Arguments.of(model, layout));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modelsAndLayouts")
  void matchesGoldens(GoldenModel model, OnnxLayout layout) throws Exception {
    byte[] tflite = model.tflite();
    String logitsName = logitsTensor(tflite);
    ConversionResult result = new TfliteToOnnxConverter().convert(tflite,
        ConversionOptions.builder().layout(layout).extraOutput(logitsName).build());

    int[] nhwc = model.inputShape();
    int h = nhwc[1];
    int w = nhwc[2];
    long[] expectedInput = layout == OnnxLayout.NCHW ? new long[] {1, 3, h, w} : new long[] {1, h, w, 3};
    long[] expectedOutput = layout == OnnxLayout.NCHW ? new long[] {1, 1, h, w} : new long[] {1, h, w, 1};
    assertEquals(model.inputName(), result.inputName());
    assertArrayEquals(expectedInput, result.inputShape());
    assertEquals(List.of(model.outputName(), logitsName), result.outputNames());
    assertArrayEquals(expectedOutput, result.output().shape());
    assertArrayEquals(expectedOutput, result.outputs().get(1).shape());
    assertEquals(GoldenTensors.recordedHistogram(model.tfliteFile()), result.operatorHistogram());

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    List<Executable> checks = new ArrayList<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
         OrtSession session = env.createSession(result.onnxModel(), options)) {
      for (GoldenCase c : model.cases()) {
        float[] input = GoldenTensors.read(c.input());
        float[] feed = layout == OnnxLayout.NCHW ? Layouts.permute(input, nhwc, Layouts.NHWC_TO_NCHW) : input;
        float[][] outputs = run(env, session, result, feed);
        // Both outputs have one channel, so NCHW [1,1,H,W] and NHWC [1,H,W,1] hold the same sequence.
        float[] output = outputs[0];
        float[] logits = outputs[1];
        float[] goldenOutput = GoldenTensors.read(c.output());
        float[] goldenLogits = GoldenTensors.read(c.logits());
        double outputAbs = maxAbsDiff(output, goldenOutput);
        double logitsAbs = maxAbsDiff(logits, goldenLogits);
        double logitsRel = logitsAbs / Math.max(1, maxAbs(goldenLogits));
        System.out.printf("golden %-9s %-4s %-13s output max|diff| %.3g  logits max|diff| %.3g (rel %.3g)%n",
            model.key(), layout, c.name(), outputAbs, logitsAbs, logitsRel);
        String what = model.key() + " " + layout + " " + c.name();
        if (c.isPhoto()) {
          checks.add(() -> assertTrue(outputAbs <= PHOTO_OUTPUT_ABS, what + ": output max|diff| " + outputAbs));
          checks.add(() -> assertTrue(logitsRel <= PHOTO_LOGITS_REL, what + ": logits rel diff " + logitsRel));
        } else {
          checks.add(() -> assertTrue(logitsRel <= SYNTHETIC_LOGITS_REL, what + ": logits rel diff " + logitsRel));
        }
      }
    }
    assertAll(checks);
  }

  /** The input of the operator producing the graph output: the logits before the final LOGISTIC. */
  static String logitsTensor(byte[] tflite) {
    TfliteGraph graph = TfliteGraph.read(java.nio.ByteBuffer.wrap(tflite));
    int output = graph.outputs[0];
    for (TfliteOperator op : graph.operators) {
      if (op.output(0) == output) {
        assertEquals("LOGISTIC", op.name());
        return graph.tensor(op.input(0)).name();
      }
    }
    throw new AssertionError("no operator computes the graph output");
  }

  private static float[][] run(OrtEnvironment env, OrtSession session, ConversionResult result, float[] input)
      throws OrtException {
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), result.inputShape());
         OrtSession.Result out = session.run(Map.of(result.inputName(), tensor))) {
      float[][] values = new float[result.outputs().size()][];
      for (int i = 0; i < values.length; i++) {
        String name = result.outputs().get(i).name();
        values[i] = copy(((OnnxTensor) out.get(name).orElseThrow()).getFloatBuffer());
      }
      return values;
    }
  }

  private static float[] copy(FloatBuffer buffer) {
    float[] values = new float[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertEquals(b.length, a.length, "element count");
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }

  private static double maxAbs(float[] values) {
    double max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
