package io.humanseg.model.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link InputSizeRewriter} on a small traced graph ({@link TinyResizeOnnx}), run through ONNX Runtime. */
class InputSizeRewriterTest {
  private static final int C = 2;
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  @Test
  void theTracedGraphComputesTheReferenceAtItsOwnSide() throws OrtException {
    checkRuns(TinyResizeOnnx.model(C), TinyResizeOnnx.SIDE);
  }

  @Test
  void theRewrittenGraphTakesTheNewSideAndComputesTheSameFunction() throws OrtException {
    for (int side : new int[] {16, 12, 4}) {
      ModelProto rewritten = InputSizeRewriter.rewrite(TinyResizeOnnx.model(C), OnnxLayout.NCHW, side);
      GraphProto g = rewritten.getGraph();
      assertEquals(List.of(1L, (long) C, (long) side, (long) side), dims(g.getInput(0)));
      assertEquals(List.of(1L, (long) C, (long) side, (long) side), dims(g.getOutput(0)));
      assertEquals(List.of(1L, (long) C, (long) side / 2, (long) side / 2), dims(g.getOutput(1)));
      assertEquals(0, g.getValueInfoCount(), "the shapes traced at 8 are dropped");
      checkRuns(rewritten, side);
    }
  }

  @Test
  void onlyTheSpatialEntriesOfAFullSizesConstantAreScaled() {
    ModelProto rewritten = InputSizeRewriter.rewrite(TinyResizeOnnx.model(3), OnnxLayout.NCHW, 24);
    var sizes = rewritten.getGraph().getInitializerList().stream().filter(t -> t.getName().equals("half_sizes")).findFirst().orElseThrow();
    long[] values = new long[4];
    sizes.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
    assertArrayEquals(new long[] {1, 3, 12, 12}, values);
  }

  @Test
  void aSideThatDoesNotScaleEveryBakedSizeToAWholeNumberIsRefused() {
    // Baked sizes 8 (input, output, Concat tail) and 4 (half): steps of 8 / gcd(8, 4) = 2.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> InputSizeRewriter.rewrite(TinyResizeOnnx.model(C), OnnxLayout.NCHW, 13));
    assertEquals(
        "cannot rewrite the 8x8 graph to 13x13: the side must be a multiple of 2 so that every baked size scales to a"
            + " whole number",
        e.getMessage());
  }

  @Test
  void aComputedResizeTargetIsRefusedWithTheNodeThatComputesIt() {
    // sizes straight from Shape: the rewriter cannot know what it would become.
    ModelProto model = withNodes(TinyResizeOnnx.model(C), nodes -> nodes.replaceAll(n ->
        n.getOutput(0).equals("u") ? n.toBuilder().setInput(3, "shape_of_input").build() : n),
        TinyResizeOnnx.node("Shape", "shape_of_input", new String[] {"input"}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> InputSizeRewriter.rewrite(model, OnnxLayout.NCHW, 16));
    assertEquals(
        "Resize node u/Resize takes its target sizes from Shape node shape_of_input/Shape, which is not a constant this"
            + " rewriter can scale",
        e.getMessage());
  }

  @Test
  void aConstantShapeElsewhereIsRefused() {
    ModelProto model = withNodes(TinyResizeOnnx.model(C), nodes -> {},
        TinyResizeOnnx.constant("flat", 1, -1), TinyResizeOnnx.node("Reshape", "r", new String[] {"output", "flat"}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> InputSizeRewriter.rewrite(model, OnnxLayout.NCHW, 16));
    assertTrue(e.getMessage().startsWith("Reshape node r/Reshape takes the constant shape flat"), e.getMessage());
  }

  @Test
  void aTargetThatAnotherNodeAlsoReadsIsRefused() {
    ModelProto model = withNodes(TinyResizeOnnx.model(C), nodes -> {},
        TinyResizeOnnx.node("Cast", "hw_float", new String[] {"hw"}, OnnxGraphBuilder.intAttr("to", 1)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> InputSizeRewriter.rewrite(model, OnnxLayout.NCHW, 16));
    assertEquals(
        "the Resize target hw is also read by Cast node hw_float/Cast; scaling it would change that node too",
        e.getMessage());
  }

  /** Runs {@code model} at {@code side} on random values and compares both outputs with the reference. */
  private static void checkRuns(ModelProto model, int side) throws OrtException {
    float[] input = new float[C * side * side];
    Random r = new Random(side);
    for (int i = 0; i < input.length; i++) {
      input[i] = r.nextFloat() * 2 - 1;
    }
    float[] output = TinyResizeOnnx.output(input, C, side);
    float[] half = TinyResizeOnnx.half(output, C, side);
    try (OrtSession session = ENV.createSession(model.toByteArray(), new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input), new long[] {1, C, side, side});
        OrtSession.Result result = session.run(Map.of("input", in))) {
      OnnxTensor out = (OnnxTensor) result.get("output").orElseThrow();
      OnnxTensor h = (OnnxTensor) result.get("half").orElseThrow();
      assertArrayEquals(new long[] {1, C, side, side}, out.getInfo().getShape());
      assertArrayEquals(new long[] {1, C, side / 2, side / 2}, h.getInfo().getShape());
      assertArrayEquals(output, floats(out), 1e-6f, "output at " + side);
      assertArrayEquals(half, floats(h), 1e-5f, "half at " + side);
    }
  }

  private static float[] floats(OnnxTensor t) {
    FloatBuffer b = t.getFloatBuffer();
    float[] v = new float[b.remaining()];
    b.get(v);
    return v;
  }

  private static List<Long> dims(ValueInfoProto v) {
    return v.getType().getTensorType().getShape().getDimList().stream().map(TensorShapeProto.Dimension::getDimValue).toList();
  }

  private static ModelProto withNodes(
      ModelProto model, java.util.function.Consumer<List<NodeProto>> edit, NodeProto... added) {
    List<NodeProto> nodes = new java.util.ArrayList<>(model.getGraph().getNodeList());
    edit.accept(nodes);
    nodes.addAll(List.of(added));
    return model.toBuilder().setGraph(model.getGraph().toBuilder().clearNode().addAllNode(nodes)).build();
  }
}
