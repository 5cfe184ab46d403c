package io.humanseg.model.convert;

import static io.humanseg.model.convert.OnnxGraphBuilder.intAttr;
import static io.humanseg.model.convert.OnnxGraphBuilder.intsAttr;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;

/** CONV_2D and DEPTHWISE_CONV_2D, both as ONNX Conv (the depthwise one grouped by input channel). */
final class ConvOps {
  private ConvOps() {
  }

  static void conv2d(TfliteOperator op, ConversionContext ctx) {
    Conv2DOptions o = op.options(Conv2DOptions::new, BuiltinOptions.Conv2DOptions);
    int x = op.input(0);
    int y = op.output(0);
    ctx.requireRank(op, x, 4, "input");
    ctx.requireRank(op, op.input(1), 4, "filter");
    ConstTensor filter = ctx.requireFloatConstant(op, op.input(1), "filter"); // [O, KH, KW, I]
    int[] in = ctx.tensor(x).shape();
    int outChannels = filter.shape()[0];
    int kh = filter.shape()[1];
    int kw = filter.shape()[2];
    int filterChannels = filter.shape()[3];
    // A filter with fewer input channels than the input is TFLite's grouped convolution.
    if (filterChannels < 1 || in[3] % filterChannels != 0) {
      throw new TfliteConversionException(op.describe() + ": filter input depth " + filterChannels
          + " does not divide the input depth " + in[3]);
    }
    int group = in[3] / filterChannels;
    int dh = Math.max(1, o.dilationHFactor());
    int dw = Math.max(1, o.dilationWFactor());
    int[] out = ctx.tensor(y).shape();
    int[] pads = TflitePadding.window(op, o.padding(), in, out, kh, kw, o.strideH(), o.strideW(), dh, dw);
    ctx.expectShape(op, y, in[0], out[1], out[2], outChannels);

    String weights = ctx.initializer(ctx.tensor(op.input(1)).name() + "__oihw",
        filter.permuted(Layouts.OHWI_TO_OIHW));
    emitConv(op, ctx, x, y, weights, bias(op, ctx, outChannels), new int[] {kh, kw},
        new int[] {o.strideH(), o.strideW()}, new int[] {dh, dw}, pads, group, o.fusedActivationFunction());
  }

  static void depthwiseConv2d(TfliteOperator op, ConversionContext ctx) {
    DepthwiseConv2DOptions o = op.options(DepthwiseConv2DOptions::new, BuiltinOptions.DepthwiseConv2DOptions);
    int x = op.input(0);
    int y = op.output(0);
    ctx.requireRank(op, x, 4, "input");
    ctx.requireRank(op, op.input(1), 4, "filter");
    ConstTensor filter = ctx.requireFloatConstant(op, op.input(1), "filter"); // [1, KH, KW, C * M]
    int[] in = ctx.tensor(x).shape();
    int channels = in[3];
    int outChannels = filter.shape()[3];
    if (filter.shape()[0] != 1 || channels < 1 || outChannels % channels != 0) {
      throw new TfliteConversionException(op.describe() + ": depthwise filter "
          + ctx.tensor(op.input(1)).describe() + " does not fit input depth " + channels);
    }
    // The multiplier follows from the shapes; TFLite's kernel ignores depth_multiplier as well, and some
    // converters leave it at 0 or 1 regardless.
    int kh = filter.shape()[1];
    int kw = filter.shape()[2];
    int dh = Math.max(1, o.dilationHFactor());
    int dw = Math.max(1, o.dilationWFactor());
    int[] out = ctx.tensor(y).shape();
    int[] pads = TflitePadding.window(op, o.padding(), in, out, kh, kw, o.strideH(), o.strideW(), dh, dw);
    ctx.expectShape(op, y, in[0], out[1], out[2], outChannels);

    // TFLite output channel c*M+m reads input channel c, which is exactly ONNX's grouping with group = C.
    String weights = ctx.initializer(ctx.tensor(op.input(1)).name() + "__grouped",
        filter.permuted(Layouts.LAST_AXIS_FIRST));
    emitConv(op, ctx, x, y, weights, bias(op, ctx, outChannels), new int[] {kh, kw},
        new int[] {o.strideH(), o.strideW()}, new int[] {dh, dw}, pads, channels,
        o.fusedActivationFunction());
  }

  private static String bias(TfliteOperator op, ConversionContext ctx, int outChannels) {
    if (!op.hasInput(2)) {
      return null;
    }
    int b = op.input(2);
    if (ctx.tensor(b).elementCount() != outChannels || ctx.tensor(b).rank() != 1) {
      throw new TfliteConversionException(op.describe() + ": bias " + ctx.tensor(b).describe()
          + " does not match " + outChannels + " output channels");
    }
    return ctx.isConstant(b) ? ctx.initializer(ctx.tensor(b).name(), ctx.requireFloatConstant(op, b, "bias"))
        : ctx.valueName(b);
  }

  private static void emitConv(TfliteOperator op, ConversionContext ctx, int x, int y, String weights, String bias,
      int[] kernel, int[] strides, int[] dilations, int[] pads, int group,
      byte activation) {
    List<String> inputs = new ArrayList<>(List.of(ctx.nchwInput(op, x), weights));
    if (bias != null) {
      inputs.add(bias);
    }
    ctx.produce(op, y, true, activation, name -> ctx.onnx().node("Conv", ConversionContext.label(op), inputs,
        name,
        intsAttr("kernel_shape", kernel),
        intsAttr("strides", strides),
        intsAttr("dilations", dilations),
        intsAttr("pads", pads),
        intAttr("group", group)));
  }
}
