package io.humanseg.model.convert;

import java.util.List;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.MulOptions;

/** Layout-agnostic ops: the binary ADD and MUL (with broadcasting) and the unary activations. */
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
    ctx.expectShape(op, y, broadcastShape(op, ctx.tensor(op.input(0)).shape(), ctx.tensor(op.input(1)).shape()));
    String a = ctx.broadcastOperand(op, op.input(0), outRank);
    String b = ctx.broadcastOperand(op, op.input(1), outRank);
    ctx.produce(op, y, false, activation,
        name -> ctx.onnx().node(onnxOp, ConversionContext.label(op), List.of(a, b), name));
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
