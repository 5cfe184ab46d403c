package io.humanseg.model.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The float16 to float32 rewrite and the output pruning, checked by running the graphs in ONNX Runtime. */
class Fp16ToFp32Test {
  private static final int N = TinyFp16Onnx.SIZE;
  private final TinyFp16Onnx tiny = new TinyFp16Onnx(7);
  private final float[] input = input();

  @Test
  void widenedGraphHasNoFloat16AndNoCastsLeft() {
    ModelProto fp16 = tiny.model();
    assertTrue(Fp16ToFp32.hasFloat16(fp16));
    ModelProto fp32 = Fp16ToFp32.rewrite(fp16);
    assertFalse(Fp16ToFp32.hasFloat16(fp32));
    assertEquals(
        List.of("Conv", "Relu", "Constant", "Mul", "Conv", "Sigmoid"),
        fp32.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList());
    assertEquals(List.of("output", "side1"), fp32.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());
  }

  @Test
  void widenedGraphComputesWhatTheFloat16GraphMeant() throws OrtException {
    float[] fp16 = run(tiny.bytes(), "output");
    float[] fp32 = run(Fp16ToFp32.rewrite(tiny.model()).toByteArray(), "output");
    float[] exact = tiny.reference(input);
    // float32 matches the double reference on the same (exactly widened) weights; float16 only roughly.
    assertTrue(maxAbsDiff(fp32, exact) < 1e-5, "fp32 vs reference " + maxAbsDiff(fp32, exact));
    assertTrue(maxAbsDiff(fp32, fp16) < 5e-3, "fp32 vs fp16 " + maxAbsDiff(fp32, fp16));
    float[] side16 = run(tiny.bytes(), "side1");
    float[] side32 = run(Fp16ToFp32.rewrite(tiny.model()).toByteArray(), "side1");
    assertTrue(maxAbsDiff(side16, side32) < 1e-2, "side1 fp32 vs fp16 " + maxAbsDiff(side16, side32));
  }

  @Test
  void aCastFromAValueOfUnknownTypeStaysAndTheGraphStillRuns() throws OrtException {
    ModelProto bare = tiny.model().toBuilder().setGraph(tiny.model().getGraph().toBuilder().clearValueInfo()).build();
    ModelProto fp32 = Fp16ToFp32.rewrite(bare);
    assertFalse(Fp16ToFp32.hasFloat16(fp32));
    // Without value_info the outputs of Relu, Conv and Sigmoid have no known type, so the three casts that read
    // them stay (now to FLOAT); the casts of the input and of the known float16 value are still removed.
    assertEquals(3, fp32.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Cast")).count());
    assertTrue(maxAbsDiff(run(fp32.toByteArray(), "output"), tiny.reference(input)) < 1e-5);
  }

  @Test
  void pruningKeepsOnlyWhatTheOutputNeeds() throws OrtException {
    ModelProto pruned = OutputPruner.keep(Fp16ToFp32.rewrite(tiny.model()), List.of("output"));
    assertEquals(List.of("output"), pruned.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());
    assertEquals(6, pruned.getGraph().getNodeCount());
    assertTrue(maxAbsDiff(run(pruned.toByteArray(), "output"), tiny.reference(input)) < 1e-5);

    // Pruning the float16 graph keeps its casts: the output still needs them.
    ModelProto fp16 = OutputPruner.keep(tiny.model(), List.of("output"));
    assertEquals(10, fp16.getGraph().getNodeCount(), "every node but the side output's cast");
    assertThrows(IllegalArgumentException.class, () -> OutputPruner.keep(tiny.model(), List.of("nope")));
  }

  @Test
  void prepareForCpuReportsTheInterfaceAndWhatItDid() {
    OnnxForCpu.Result r = OnnxForCpu.prepare(tiny.bytes(), "output", OnnxLayout.NCHW);
    assertEquals(OnnxForCpu.WIDENED, r.converter());
    assertEquals(15, r.opset());
    assertEquals(new ConversionResult.TensorSpec("input", new long[] {1, 3, N, N}), r.graph().input());
    assertEquals(new ConversionResult.TensorSpec("output", new long[] {1, 1, N, N}), r.graph().output());
    assertEquals(1, r.graph().outputs().size());

    // A float32 graph is only pruned.
    byte[] fp32 = Fp16ToFp32.rewrite(tiny.model()).toByteArray();
    assertEquals(OnnxForCpu.PRUNED, OnnxForCpu.prepare(fp32, "output", OnnxLayout.NCHW).converter());
  }

  @Test
  void widenIsExactForEveryHalfValue() {
    for (int bits = 0; bits < 0x10000; bits += 97) {
      float f = Float16.toFloat(bits);
      if (Float.isFinite(f)) {
        assertEquals(bits, TinyFp16Onnx.toHalf(f) & 0xFFFF, "half " + Integer.toHexString(bits));
      }
    }
  }

  private float[] run(byte[] onnx, String output) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, N, N});
        OrtSession.Result result = session.run(Map.of("input", in), Set.of(output))) {
      FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] out = new float[values.remaining()];
      values.get(out);
      return out;
    }
  }

  static float maxAbsDiff(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static float[] input() {
    Random r = new Random(3);
    float[] x = new float[3 * N * N];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() * 2 - 1;
    }
    return x;
  }
}
