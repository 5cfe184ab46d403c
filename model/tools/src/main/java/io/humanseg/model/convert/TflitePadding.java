package io.humanseg.model.convert;

import org.tensorflow.lite.schema.Padding;

/**
 * Explicit ONNX pads for TFLite's SAME and VALID windows.
 *
 * <p>ONNX's {@code auto_pad=SAME_UPPER} happens to agree for these shapes, but ONNX Runtime and the spec have
 * disagreed about it before; explicit pads computed with TFLite's own rule leave nothing to interpretation.
 */
final class TflitePadding {
  private TflitePadding() {
  }

  /**
   * Pads for a sliding window over the spatial axes of an NHWC input, in ONNX order [top, left, bottom, right].
   * Also checks that the window yields the output size the graph declares.
   */
  static int[] window(TfliteOperator op, byte padding, int[] inputNhwc, int[] outputNhwc, int kernelH, int kernelW,
            int strideH, int strideW, int dilationH, int dilationW) {
    int[] h = axis(op, padding, "height", inputNhwc[1], outputNhwc[1], kernelH, strideH, dilationH);
    int[] w = axis(op, padding, "width", inputNhwc[2], outputNhwc[2], kernelW, strideW, dilationW);
    return new int[] {h[0], w[0], h[1], w[1]};
  }

  /** {before, after} for one axis. */
  private static int[] axis(TfliteOperator op, byte padding, String axisName, int in, int expectedOut, int kernel,
      int stride, int dilation) {
    if (stride < 1 || kernel < 1 || dilation < 1) {
      throw new TfliteConversionException(op.describe() + ": invalid window along " + axisName + " (kernel "
          + kernel + ", stride " + stride + ", dilation " + dilation + ")");
    }
    int effectiveKernel = (kernel - 1) * dilation + 1;
    int out;
    int before;
    int after;
    if (padding == Padding.SAME) {
      out = (in + stride - 1) / stride;
      int total = Math.max((out - 1) * stride + effectiveKernel - in, 0);
      // TFLite puts the odd pixel at the end (bottom/right).
      before = total / 2;
      after = total - before;
    } else if (padding == Padding.VALID) {
      if (in < effectiveKernel) {
        throw new TfliteConversionException(op.describe() + ": VALID window of " + effectiveKernel
            + " does not fit the input " + axisName + " " + in);
      }
      out = (in - effectiveKernel) / stride + 1;
      before = 0;
      after = 0;
    } else {
      throw new TfliteConversionException(op.describe() + ": unknown padding " + padding);
    }
    if (out != expectedOut) {
      throw new TfliteConversionException(op.describe() + ": " + (padding == Padding.SAME ? "SAME" : "VALID")
          + " window along " + axisName + " gives " + out + " but the graph declares " + expectedOut);
    }
    return new int[] {before, after};
  }
}
