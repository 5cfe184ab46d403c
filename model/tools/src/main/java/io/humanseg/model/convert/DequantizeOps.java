package io.humanseg.model.convert;

import org.tensorflow.lite.schema.TensorType;

/**
 * DEQUANTIZE of float16 weights, folded away at conversion time: the ONNX graph gets float32 initializers holding
 * the exactly widened values, which is what TFLite's float32 kernels compute with.
 */
final class DequantizeOps {
  private DequantizeOps() {
  }

  static void dequantize(TfliteOperator op, ConversionContext ctx) {
    int x = op.input(0);
    TfliteTensor t = ctx.tensor(x);
    if (!ctx.isConstant(x)) {
      throw new UnsupportedOperatorException(op.name(), op.index(), op.describe()
          + " on a tensor computed at run time " + t.describe()
          + " is not supported; only constant float16 weights are folded");
    }
    if (t.type() != TensorType.FLOAT16 && t.type() != TensorType.FLOAT32) {
      throw new UnsupportedTensorTypeException(op.describe() + ": dequantizing " + t.describe()
          + " is not supported; only FLOAT16 constants are");
    }
    ctx.defineConstant(op.output(0), ctx.constant(x));
  }
}
