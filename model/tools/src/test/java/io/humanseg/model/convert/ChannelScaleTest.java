package io.humanseg.model.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.MulOptions;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.TensorType;

/**
 * A run-time per-channel scale (squeeze-and-excitation: x * sigmoid(conv(mean(x)))), the block MediaPipe selfie
 * repeats ten times: its values, and that ONNX Runtime keeps the multiplication in its blocked NCHWc layout
 * (ElementwiseOps spreads the scale over the image for that).
 */
class ChannelScaleTest {
  private static final int H = 4;
  private static final int W = 5;
  private static final int C = 16;

  @ParameterizedTest
  @EnumSource(OnnxLayout.class)
  void scaleMultipliesEveryPixelOfItsChannel(OnnxLayout layout) throws Exception {
    Random random = new Random(3);
    float[] x = gaussians(random, H * W * C);
    float[] w = gaussians(random, C * C);
    float[] b = gaussians(random, C);
    ConversionResult result = new TfliteToOnnxConverter().convert(squeezeExcite(w, b), ConversionOptions.of(layout));
    float[] y = run(result, layout, x);

    float[] mean = new float[C];
    for (int i = 0; i < x.length; i++) {
      mean[i % C] += x[i] / (H * W);
    }
    float[] scale = new float[C];
    for (int o = 0; o < C; o++) {
      double sum = b[o];
      for (int i = 0; i < C; i++) {
        sum += mean[i] * w[o * C + i];
      }
      scale[o] = (float) (1 / (1 + Math.exp(-sum)));
    }
    assertEquals(x.length, y.length, "element count");
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i] * scale[i % C], y[i], 1e-5, "element " + i);
    }
  }

  /**
   * Without the spread, ONNX Runtime copies both operands of the multiplication back to plain NCHW
   * (ReorderOutput) and the result into NCHWc again: the copies that cost selfie 28% of its run time.
   */
  @Test
  void multiplicationStaysInTheBlockedLayout(@TempDir Path dir) throws Exception {
    Random random = new Random(4);
    ConversionResult result = new TfliteToOnnxConverter().convert(
        squeezeExcite(gaussians(random, C * C), gaussians(random, C)), ConversionOptions.of(OnnxLayout.NCHW));
    Path optimized = dir.resolve("optimized.onnx");
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setOptimizedModelFilePath(optimized.toString());
      OrtEnvironment.getEnvironment().createSession(result.onnxModel(), options).close();
    }
    List<NodeProto> nodes = ModelProto.parseFrom(Files.readAllBytes(optimized)).getGraph().getNodeList();
    assertTrue(nodes.stream().anyMatch(n -> n.getDomain().equals("com.microsoft.nchwc")),
        "ONNX Runtime made no NCHWc nodes: this CPU lacks the AVX2 or AVX-512 its blocked kernels need, so the"
            + " layout cannot be checked here");
    Map<String, String> producer = new HashMap<>();
    nodes.forEach(n -> n.getOutputList().forEach(o -> producer.put(o, n.getOpType())));
    NodeProto mul = nodes.stream().filter(n -> n.getOpType().equals("Mul")).findFirst().orElseThrow();
    for (String input : mul.getInputList()) {
      assertFalse("ReorderOutput".equals(producer.get(input)),
          "the Mul reads " + input + " copied back to NCHW; the graph's nodes: "
              + nodes.stream().map(NodeProto::getOpType).toList());
    }
  }

  /** x [1,H,W,C] -> 1x1 conv -> a; a * sigmoid(conv(average over H x W of a)). */
  private static byte[] squeezeExcite(float[] w, float[] b) {
    TinyTflite g = new TinyTflite();
    int in = g.input("x", 1, H, W, C);
    int identity = g.floatConstant("identity", new int[] {C, 1, 1, C}, identity());
    int zero = g.floatConstant("zero", new int[] {C}, new float[C]);
    int weights = g.floatConstant("w", new int[] {C, 1, 1, C}, w);
    int bias = g.floatConstant("b", new int[] {C}, b);
    int a = g.tensor("a", TensorType.FLOAT32, 1, H, W, C);
    int mean = g.tensor("mean", TensorType.FLOAT32, 1, 1, 1, C);
    int logits = g.tensor("logits", TensorType.FLOAT32, 1, 1, 1, C);
    int scale = g.tensor("scale", TensorType.FLOAT32, 1, 1, 1, C);
    int y = g.tensor("y", TensorType.FLOAT32, 1, H, W, C);
    return g
        // An identity convolution first, so that ONNX Runtime has a blocked tensor to start from.
        .op(BuiltinOperator.CONV_2D, new int[] {in, identity, zero}, new int[] {a}, BuiltinOptions.Conv2DOptions,
            fb -> Conv2DOptions.createConv2DOptions(fb, Padding.VALID, 1, 1, ActivationFunctionType.NONE, 1, 1))
        .op(BuiltinOperator.AVERAGE_POOL_2D, new int[] {a}, new int[] {mean}, BuiltinOptions.Pool2DOptions,
            fb -> Pool2DOptions.createPool2DOptions(fb, Padding.VALID, W, H, W, H, ActivationFunctionType.NONE))
        .op(BuiltinOperator.CONV_2D, new int[] {mean, weights, bias}, new int[] {logits},
            BuiltinOptions.Conv2DOptions,
            fb -> Conv2DOptions.createConv2DOptions(fb, Padding.VALID, 1, 1, ActivationFunctionType.NONE, 1, 1))
        .op(BuiltinOperator.LOGISTIC, new int[] {logits}, new int[] {scale})
        .op(BuiltinOperator.MUL, new int[] {a, scale}, new int[] {y}, BuiltinOptions.MulOptions,
            fb -> MulOptions.createMulOptions(fb, ActivationFunctionType.NONE))
        .outputs(y).build();
  }

  private static float[] identity() {
    float[] w = new float[C * C];
    for (int i = 0; i < C; i++) {
      w[i * C + i] = 1;
    }
    return w;
  }

  /** Runs the converted graph on an NHWC input and returns its output in NHWC order. */
  private static float[] run(ConversionResult result, OnnxLayout layout, float[] nhwc) throws Exception {
    int[] shape = {1, H, W, C};
    boolean nchw = layout == OnnxLayout.NCHW;
    float[] feed = nchw ? Layouts.permute(nhwc, shape, Layouts.NHWC_TO_NCHW) : nhwc;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(result.onnxModel(), new OrtSession.SessionOptions());
         OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(feed), result.inputShape());
         OrtSession.Result out = session.run(Map.of(result.inputName(), tensor))) {
      FloatBuffer buffer = ((OnnxTensor) out.get(0)).getFloatBuffer();
      float[] v = new float[buffer.remaining()];
      buffer.get(v);
      return nchw ? Layouts.permute(v, new int[] {1, C, H, W}, Layouts.NCHW_TO_NHWC) : v;
    }
  }

  private static float[] gaussians(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
