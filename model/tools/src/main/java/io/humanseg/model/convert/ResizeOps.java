package io.humanseg.model.convert;

import static io.humanseg.model.convert.OnnxGraphBuilder.stringAttr;

import java.util.List;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.ResizeBilinearOptions;

/** RESIZE_BILINEAR as ONNX Resize (linear) with the coordinate transformation TFLite's flags select. */
final class ResizeOps {
  private ResizeOps() {
  }

  static void resizeBilinear(TfliteOperator op, ConversionContext ctx) {
    ResizeBilinearOptions o = op.optionalOptions(ResizeBilinearOptions::new, BuiltinOptions.ResizeBilinearOptions);
    boolean alignCorners = o != null && o.alignCorners();
    boolean halfPixel = o != null && o.halfPixelCenters();
    int x = op.input(0);
    int y = op.output(0);
    ctx.requireRank(op, x, 4, "input");
    int[] size = ctx.requireIntConstant(op, op.input(1), "size");
    if (size.length != 2) {
      throw new TfliteConversionException(op.describe() + ": size must hold 2 values, got " + size.length);
    }
    int[] in = ctx.tensor(x).shape();
    ctx.expectShape(op, y, in[0], size[0], size[1], in[3]);

    String mode = coordinateTransformation(op, alignCorners, halfPixel);
    String input = ctx.nchwInput(op, x);
    // Output sizes rather than scales: ONNX Runtime then derives the scale as out/in like TFLite does, with no
    // float scale round-trip. The sizes are NCHW because the op always runs on the NCHW view.
    String sizes = ctx.onnx().int64Initializer(ctx.tensor(op.input(1)).name() + "__nchw",
        new long[] {in[0], in[3], size[0], size[1]});
    ctx.produce(op, y, true, ActivationFunctionType.NONE,
        name -> ctx.onnx().node("Resize", ConversionContext.label(op), List.of(input, "", "", sizes), name,
            stringAttr("mode", "linear"),
            stringAttr("coordinate_transformation_mode", mode)));
  }

  /**
   * TFLite samples source coordinate {@code (o + 0.5) * in/out - 0.5} with half_pixel_centers, which is ONNX's
   * {@code half_pixel} (not {@code pytorch_half_pixel}, which differs for outputs of length 1); both clamp the
   * coordinate to the image. align_corners maps corner to corner, and neither flag is plain {@code o * in/out}.
   */
  private static String coordinateTransformation(TfliteOperator op, boolean alignCorners, boolean halfPixel) {
    if (alignCorners && halfPixel) {
      throw new TfliteConversionException(op.describe()
          + ": align_corners and half_pixel_centers cannot both be set");
    }
    if (alignCorners) {
      return "align_corners";
    }
    return halfPixel ? "half_pixel" : "asymmetric";
  }
}
