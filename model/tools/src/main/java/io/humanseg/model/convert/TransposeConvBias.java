package io.humanseg.model.convert;

import static io.humanseg.model.convert.OnnxGraphBuilder.intAttr;
import static io.humanseg.model.convert.OnnxGraphBuilder.intsAttr;

import java.nio.ByteBuffer;
import java.util.List;
import org.tensorflow.lite.schema.ActivationFunctionType;

/**
 * MediaPipe's custom operator {@code Convolution2DTransposeBias}: a transposed convolution with bias, as ONNX
 * ConvTranspose.
 *
 * <p>Its custom options are MediaPipe's raw {@code TfLiteTransposeConvParams}: three little-endian int32
 * {padding, stride_width, stride_height}, where padding uses the C enum (1 = SAME, 2 = VALID), not the
 * flatbuffer {@code Padding} enum. The kernel is OHWI [O, KH, KW, I], the bias [O].
 */
final class TransposeConvBias {
  static final String CUSTOM_CODE = "Convolution2DTransposeBias";

  private static final int PADDING_SAME = 1;
  private static final int PADDING_VALID = 2;

  private TransposeConvBias() {
  }

  static void convert(TfliteOperator op, ConversionContext ctx) {
    ByteBuffer options = op.customOptions();
    if (options.remaining() < 12) {
      throw new TfliteConversionException(op.describe() + ": custom options hold " + options.remaining()
          + " bytes, expected 12 (padding, stride_w, stride_h)");
    }
    int padding = options.getInt(0);
    int strideW = options.getInt(4);
    int strideH = options.getInt(8);
    if (op.inputs().length != 3 || !op.hasInput(2)) {
      throw new TfliteConversionException(op.describe() + " needs 3 inputs (input, kernel, bias)");
    }
    int x = op.input(0);
    int y = op.output(0);
    ctx.requireRank(op, x, 4, "input");
    ctx.requireRank(op, op.input(1), 4, "kernel");
    ConstTensor kernel = ctx.requireFloatConstant(op, op.input(1), "kernel"); // [O, KH, KW, I]
    int[] in = ctx.tensor(x).shape();
    int[] out = ctx.tensor(y).shape();
    int outChannels = kernel.shape()[0];
    int kh = kernel.shape()[1];
    int kw = kernel.shape()[2];
    if (kernel.shape()[3] != in[3]) {
      throw new TfliteConversionException(op.describe() + ": kernel depth " + kernel.shape()[3]
          + " does not match input depth " + in[3]);
    }
    ctx.expectShape(op, y, in[0], out[1], out[2], outChannels);
    int[] padH = crop(op, padding, "height", in[1], out[1], kh, strideH);
    int[] padW = crop(op, padding, "width", in[2], out[2], kw, strideW);

    String weights = ctx.initializer(ctx.tensor(op.input(1)).name() + "__iohw",
        kernel.permuted(Layouts.LAST_AXIS_FIRST));
    int b = op.input(2);
    if (ctx.tensor(b).elementCount() != outChannels || ctx.tensor(b).rank() != 1) {
      throw new TfliteConversionException(op.describe() + ": bias " + ctx.tensor(b).describe()
          + " does not match " + outChannels + " output channels");
    }
    String bias = ctx.isConstant(b)
        ? ctx.initializer(ctx.tensor(b).name(), ctx.requireFloatConstant(op, b, "bias"))
        : ctx.valueName(b);
    String input = ctx.nchwInput(op, x);
    // Explicit pads, not output_shape: with output_shape ONNX Runtime would choose the pads itself.
    ctx.produce(op, y, true, ActivationFunctionType.NONE,
        name -> ctx.onnx().node("ConvTranspose", ConversionContext.label(op), List.of(input, weights, bias),
            name,
            intsAttr("kernel_shape", kh, kw),
            intsAttr("strides", strideH, strideW),
            intsAttr("pads", padH[0], padW[0], padH[1], padW[1]),
            intAttr("group", 1)));
  }

  /**
   * What to cut from the full transposed-convolution result {@code (in - 1) * stride + kernel} to get the
   * declared output: SAME centres the window (odd pixel cut at the end), VALID keeps the top-left part.
   */
  private static int[] crop(TfliteOperator op, int padding, String axisName, int in, int out, int kernel,
      int stride) {
    if (stride < 1) {
      throw new TfliteConversionException(op.describe() + ": stride " + stride + " along " + axisName);
    }
    int full = (in - 1) * stride + kernel;
    int total = full - out;
    if (total < 0) {
      throw new TfliteConversionException(op.describe() + ": output " + axisName + " " + out
          + " exceeds the full transposed convolution " + full);
    }
    return switch (padding) {
      case PADDING_SAME -> new int[] {total / 2, total - total / 2};
      case PADDING_VALID -> new int[] {0, total};
      default -> throw new TfliteConversionException(op.describe() + ": unknown padding " + padding
          + " in custom options (1 = SAME, 2 = VALID)");
    };
  }
}
