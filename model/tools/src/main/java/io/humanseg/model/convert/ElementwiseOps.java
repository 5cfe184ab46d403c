package io.humanseg.model.convert;

import static io.humanseg.model.convert.OnnxGraphBuilder.stringAttr;

import java.util.List;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.MulOptions;

/**
 * Layout-agnostic ops: the binary ADD and MUL (with broadcasting) and the unary activations.
 *
 * <p>In NCHW mode a run-time per-channel operand ([1,1,1,C] against [1,H,W,C], the scale of a
 * squeeze-and-excitation block) is first spread over H x W ({@link #spreadChannelOperand}). ONNX Runtime runs
 * convolutions in its blocked NCHWc layout, and an elementwise op joins that layout only when both operands have
 * the output's shape. A broadcast instead sends both operands back to plain NCHW and the network after it with
 * them: in MediaPipe selfie that was 26 layout copies per run and 3.2 ms instead of 2.3 ms (BENCHMARKS.md,
 * "Speed"). The spread is a nearest-neighbour Resize, which ONNX Runtime also runs blocked; every value is the
 * same, only repeated.
 */
final class ElementwiseOps {
  private ElementwiseOps() {
  }

  static void add(TfliteOperator op, ConversionContext ctx) {
    AddOptions o = op.optionalOptions(AddOptions::new, BuiltinOptions.AddOptions);
    binary(op, ctx, "Add", o == null ? ActivationFunctionType.NONE : o.fusedActivationFunction());
  }

  static void mul(TfliteOperator op, ConversionContext ctx) {
    MulOptions o = op.optionalOptions(MulOptions::new, BuiltinOptions.MulOptions);
    binary(op, ctx, "Mul", o == null ? ActivationFunctionType.NONE : o.fusedActivationFunction());
  }

  static void relu(TfliteOperator op, ConversionContext ctx) {
    unary(op, ctx, "Relu");
  }

  static void logistic(TfliteOperator op, ConversionContext ctx) {
    unary(op, ctx, "Sigmoid");
  }

  /** TFLite's x * relu6(x + 3) / 6 is ONNX HardSwish's x * clip(x / 6 + 1/2, 0, 1) (its default alpha, beta). */
  static void hardSwish(TfliteOperator op, ConversionContext ctx) {
    unary(op, ctx, "HardSwish");
  }

  private static void unary(TfliteOperator op, ConversionContext ctx, String onnxOp) {
    String input = ctx.value(op.input(0));
    ctx.expectShape(op, op.output(0), ctx.tensor(op.input(0)).shape());
    ctx.produce(op, op.output(0), false, ActivationFunctionType.NONE,
        name -> ctx.onnx().node(onnxOp, ConversionContext.label(op), List.of(input), name));
  }

  private static void binary(TfliteOperator op, ConversionContext ctx, String onnxOp, byte activation) {
    int y = op.output(0);
    int outRank = ctx.tensor(y).rank();
    int[] out = broadcastShape(op, ctx.tensor(op.input(0)).shape(), ctx.tensor(op.input(1)).shape());
    ctx.expectShape(op, y, out);
    String a = spreadChannelOperand(op, ctx, op.input(0), ctx.broadcastOperand(op, op.input(0), outRank), out);
    String b = spreadChannelOperand(op, ctx, op.input(1), ctx.broadcastOperand(op, op.input(1), outRank), out);
    ctx.produce(op, y, false, activation,
        name -> ctx.onnx().node(onnxOp, ConversionContext.label(op), List.of(a, b), name));
  }

  /**
   * {@code operand} repeated over the output's height and width when it is a run-time per-channel tensor in NCHW
   * mode (see the class comment); otherwise {@code operand} itself. Constants are left alone: ONNX Runtime folds
   * a constant scale or offset into the convolution before it.
   *
   * @param out the output's TFLite (NHWC) shape
   */
  private static String spreadChannelOperand(TfliteOperator op, ConversionContext ctx, int index, String operand,
      int[] out) {
    if (ctx.layout() != OnnxLayout.NCHW || out.length != 4 || ctx.isConstant(index) || out[1] * out[2] == 1) {
      return operand;
    }
    int[] shape = ctx.tensor(index).shape();
    int channels = shape.length == 0 ? 1 : shape[shape.length - 1];
    int elements = Math.toIntExact(ctx.tensor(index).elementCount());
    if (channels != out[3] || elements != out[0] * out[3]) {
      return operand;
    }
    String name = ctx.tensor(index).name() + "__spread";
    // Target sizes, as ResizeOps uses: a rewrite of the input size (InputSizeRewriter) scales them like the rest.
    String sizes = ctx.onnx().int64Initializer(name, new long[] {out[0], out[3], out[1], out[2]});
    return ctx.onnx().node("Resize", ConversionContext.label(op), List.of(operand, "", "", sizes),
        ctx.onnx().unique(name),
        stringAttr("mode", "nearest"),
        stringAttr("coordinate_transformation_mode", "asymmetric"),
        stringAttr("nearest_mode", "floor"));
  }

  /** NumPy broadcasting, which TFLite's ADD and MUL follow. */
  private static int[] broadcastShape(TfliteOperator op, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new TfliteConversionException(op.describe() + ": shapes " + java.util.Arrays.toString(a)
            + " and " + java.util.Arrays.toString(b) + " do not broadcast");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }
}
