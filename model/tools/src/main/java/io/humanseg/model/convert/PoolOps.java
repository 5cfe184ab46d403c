package io.humanseg.model.convert;

import static io.humanseg.model.convert.OnnxGraphBuilder.intAttr;
import static io.humanseg.model.convert.OnnxGraphBuilder.intsAttr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.ReducerOptions;

/** AVERAGE_POOL_2D and MEAN: the two ways these graphs spell global average pooling. */
final class PoolOps {
  private PoolOps() {
  }

  static void averagePool2d(TfliteOperator op, ConversionContext ctx) {
    Pool2DOptions o = op.options(Pool2DOptions::new, BuiltinOptions.Pool2DOptions);
    int x = op.input(0);
    int y = op.output(0);
    ctx.requireRank(op, x, 4, "input");
    int[] in = ctx.tensor(x).shape();
    int[] out = ctx.tensor(y).shape();
    int fh = o.filterHeight();
    int fw = o.filterWidth();
    int[] pads = TflitePadding.window(op, o.padding(), in, out, fh, fw, o.strideH(), o.strideW(), 1, 1);
    ctx.expectShape(op, y, in[0], out[1], out[2], in[3]);
    String input = ctx.nchwInput(op, x);
    String label = ConversionContext.label(op);
    boolean global = Arrays.stream(pads).allMatch(p -> p == 0) && fh == in[1] && fw == in[2]
        && out[1] == 1 && out[2] == 1;
    ctx.produce(op, y, true, o.fusedActivationFunction(), name -> {
      if (global) {
        // Same arithmetic, but ONNX Runtime has a dedicated kernel for it.
        ctx.onnx().node("GlobalAveragePool", label, List.of(input), name);
      } else {
        // TFLite divides by the number of real (unpadded) pixels under the window: count_include_pad=0.
        ctx.onnx().node("AveragePool", label, List.of(input), name,
            intsAttr("kernel_shape", fh, fw),
            intsAttr("strides", o.strideH(), o.strideW()),
            intsAttr("pads", pads),
            intAttr("count_include_pad", 0));
      }
    });
  }

  static void mean(TfliteOperator op, ConversionContext ctx) {
    ReducerOptions o = op.optionalOptions(ReducerOptions::new, BuiltinOptions.ReducerOptions);
    boolean keepDims = o != null && o.keepDims();
    int x = op.input(0);
    int y = op.output(0);
    int rank = ctx.tensor(x).rank();
    TreeSet<Integer> axes = new TreeSet<>();
    for (int a : ctx.requireIntConstant(op, op.input(1), "axes")) {
      int axis = a < 0 ? a + rank : a;
      if (axis < 0 || axis >= rank) {
        throw new TfliteConversionException(op.describe() + ": axis " + a + " out of range for rank " + rank);
      }
      axes.add(axis);
    }
    int[] in = ctx.tensor(x).shape();
    List<Integer> expected = new ArrayList<>();
    for (int a = 0; a < rank; a++) {
      if (!axes.contains(a)) {
        expected.add(in[a]);
      } else if (keepDims) {
        expected.add(1);
      }
    }
    ctx.expectShape(op, y, expected.stream().mapToInt(Integer::intValue).toArray());

    String input = ctx.value(x);
    String label = ConversionContext.label(op);
    OnnxGraphBuilder onnx = ctx.onnx();
    if (axes.isEmpty()) {
      // ONNX ReduceMean without axes would reduce everything; TFLite reduces nothing.
      ctx.produce(op, y, false, ActivationFunctionType.NONE,
          name -> onnx.node("Identity", label, List.of(input), name));
      return;
    }
    boolean channelsFirst = ctx.isChannelsFirst(x);
    long[] onnxAxes = axes.stream().mapToLong(a -> channelsFirst ? Layouts.nhwcAxisInNchw(a) : a).sorted()
        .toArray();
    int[] restore = channelsFirst && !keepDims ? restoreOrder(axes) : null;
    ctx.produce(op, y, false, ActivationFunctionType.NONE, name -> {
      String reduced = restore == null ? name : onnx.unique(name + "__nchw_order");
      onnx.node("ReduceMean", label, List.of(input), reduced,
          intsAttr("axes", onnxAxes),
          intAttr("keepdims", keepDims ? 1 : 0));
      if (restore != null) {
        onnx.node("Transpose", label, List.of(reduced), name, intsAttr("perm", restore));
      }
    });
  }

  /**
   * Without keep_dims the result drops out of the rank-4 layout rule, so it must come out in TFLite's axis
   * order. Reducing an NCHW tensor leaves the surviving axes in NCHW order; this is the perm back to NHWC
   * order, or {@code null} when the orders already agree (e.g. the usual reduction over H and W).
   */
  private static int[] restoreOrder(TreeSet<Integer> reducedNhwcAxes) {
    List<Integer> nhwcOrder = new ArrayList<>();
    for (int a = 0; a < 4; a++) {
      if (!reducedNhwcAxes.contains(a)) {
        nhwcOrder.add(a);
      }
    }
    List<Integer> nchwOrder = new ArrayList<>(nhwcOrder);
    nchwOrder.sort((a, b) -> Integer.compare(Layouts.nhwcAxisInNchw(a), Layouts.nhwcAxisInNchw(b)));
    if (nchwOrder.equals(nhwcOrder)) {
      return null;
    }
    int[] perm = new int[nhwcOrder.size()];
    for (int j = 0; j < perm.length; j++) {
      perm[j] = nchwOrder.indexOf(nhwcOrder.get(j));
    }
    return perm;
  }
}
