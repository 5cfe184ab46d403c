package io.humanseg.model.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.ReducerOptions;
import org.tensorflow.lite.schema.ResizeBilinearOptions;
import org.tensorflow.lite.schema.TensorType;

/**
 * Hand-built graphs for the cases the MediaPipe goldens do not reach: odd sizes with asymmetric SAME padding,
 * partial pooling windows, non-integer resize ratios, a per-channel constant broadcast and MEAN without
 * keep_dims in NCHW mode. Each result is checked against a direct implementation of TFLite's semantics.
 */
class SmallGraphTest {
  private static final double TOLERANCE = 1e-5;

  @ParameterizedTest
  @EnumSource(OnnxLayout.class)
  void convolutionWithAsymmetricSamePadding(OnnxLayout layout) throws Exception {
    Random random = new Random(7);
    int[] inShape = {1, 5, 6, 2};
    int o = 3;
    int kh = 4;
    int kw = 3;
    float[] x = randoms(random, 60);
    float[] w = randoms(random, o * kh * kw * 2);
    float[] bias = randoms(random, o);
    TinyTflite g = new TinyTflite();
    int in = g.input("x", inShape);
    int filter = g.floatConstant("w", new int[] {o, kh, kw, 2}, w);
    int b = g.floatConstant("b", new int[] {o}, bias);
    // H: ceil(5/2) = 3, total pad 2*2+4-5 = 3 -> 1 before, 2 after. W: stride 1, total 2 -> 1 and 1.
    int y = g.tensor("y", TensorType.FLOAT32, 1, 3, 6, o);
    byte[] model = g.op(BuiltinOperator.CONV_2D, new int[] {in, filter, b}, new int[] {y},
            BuiltinOptions.Conv2DOptions,
            fb -> Conv2DOptions.createConv2DOptions(fb, Padding.SAME, 1, 2, ActivationFunctionType.RELU6, 1, 1))
        .outputs(y).build();

    float[] expected = new float[3 * 6 * o];
    for (int oy = 0; oy < 3; oy++) {
      for (int ox = 0; ox < 6; ox++) {
        for (int oc = 0; oc < o; oc++) {
          double sum = bias[oc];
          for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
              int iy = oy * 2 + ky - 1;
              int ix = ox + kx - 1;
              if (iy < 0 || iy >= 5 || ix < 0 || ix >= 6) {
                continue;
              }
              for (int ic = 0; ic < 2; ic++) {
                sum += x[(iy * 6 + ix) * 2 + ic] * w[((oc * kh + ky) * kw + kx) * 2 + ic];
              }
            }
          }
          expected[(oy * 6 + ox) * o + oc] = (float) Math.min(6, Math.max(0, sum));
        }
      }
    }
    assertClose(expected, run(model, layout, x, inShape).get(0));
  }

  @ParameterizedTest
  @EnumSource(OnnxLayout.class)
  void averagePoolExcludesPadding(OnnxLayout layout) throws Exception {
    int[] inShape = {1, 5, 6, 2};
    float[] x = randoms(new Random(11), 60);
    TinyTflite g = new TinyTflite();
    int in = g.input("x", inShape);
    int y = g.tensor("y", TensorType.FLOAT32, 1, 3, 3, 2);
    byte[] model = g.op(BuiltinOperator.AVERAGE_POOL_2D, new int[] {in}, new int[] {y}, BuiltinOptions.Pool2DOptions,
            fb -> Pool2DOptions.createPool2DOptions(fb, Padding.SAME, 2, 2, 3, 3, ActivationFunctionType.NONE))
        .outputs(y).build();

    // SAME, 3x3 stride 2: H total pad 2*2+3-5 = 2 (1/1), W total 2*2+3-6 = 1 (0/1).
    float[] expected = new float[18];
    for (int oy = 0; oy < 3; oy++) {
      for (int ox = 0; ox < 3; ox++) {
        for (int c = 0; c < 2; c++) {
          double sum = 0;
          int count = 0;
          for (int iy = oy * 2 - 1; iy < oy * 2 + 2; iy++) {
            for (int ix = ox * 2; ix < ox * 2 + 3; ix++) {
              if (iy >= 0 && iy < 5 && ix >= 0 && ix < 6) {
                sum += x[(iy * 6 + ix) * 2 + c];
                count++;
              }
            }
          }
          expected[(oy * 3 + ox) * 2 + c] = (float) (sum / count);
        }
      }
    }
    assertClose(expected, run(model, layout, x, inShape).get(0));
  }

  @ParameterizedTest
  @EnumSource(OnnxLayout.class)
  void resizeBilinearAtNonIntegerRatios(OnnxLayout layout) throws Exception {
    int[] inShape = {1, 3, 4, 2};
    float[] x = randoms(new Random(3), 24);
    TinyTflite g = new TinyTflite();
    int in = g.input("x", inShape);
    int halfSize = g.intConstant("size_half", 5, 7);
    int alignSize = g.intConstant("size_align", 7, 3);
    int plainSize = g.intConstant("size_plain", 2, 6);
    int half = g.tensor("half_pixel", TensorType.FLOAT32, 1, 5, 7, 2);
    int align = g.tensor("align_corners", TensorType.FLOAT32, 1, 7, 3, 2);
    int plain = g.tensor("asymmetric", TensorType.FLOAT32, 1, 2, 6, 2);
    byte[] model = g
        .op(BuiltinOperator.RESIZE_BILINEAR, new int[] {in, halfSize}, new int[] {half},
            BuiltinOptions.ResizeBilinearOptions, resizeOptions(false, true))
        .op(BuiltinOperator.RESIZE_BILINEAR, new int[] {in, alignSize}, new int[] {align},
            BuiltinOptions.ResizeBilinearOptions, resizeOptions(true, false))
        .op(BuiltinOperator.RESIZE_BILINEAR, new int[] {in, plainSize}, new int[] {plain},
            BuiltinOptions.ResizeBilinearOptions, resizeOptions(false, false))
        .outputs(half, align, plain).build();

    List<float[]> out = run(model, layout, x, inShape);
    assertClose(resize(x, 3, 4, 2, 5, 7, false, true), out.get(0));
    assertClose(resize(x, 3, 4, 2, 7, 3, true, false), out.get(1));
    assertClose(resize(x, 3, 4, 2, 2, 6, false, false), out.get(2));
  }

  @ParameterizedTest
  @EnumSource(OnnxLayout.class)
  void channelBroadcastAndMeanWithoutKeepDims(OnnxLayout layout) throws Exception {
    int[] inShape = {1, 2, 3, 4};
    float[] x = randoms(new Random(5), 24);
    float[] c = {0.5f, -1f, 2f, -3f};
    TinyTflite g = new TinyTflite();
    int in = g.input("x", inShape);
    int constant = g.floatConstant("per_channel", new int[] {4}, c);
    int a = g.tensor("a", TensorType.FLOAT32, 1, 2, 3, 4);
    int hw = g.intConstant("axes_hw", 1, 2);
    int h = g.intConstant("axes_h", 1);
    int lastAxis = g.intConstant("axes_last", -1);
    int m1 = g.tensor("mean_hw", TensorType.FLOAT32, 1, 4);
    int m2 = g.tensor("mean_h", TensorType.FLOAT32, 1, 3, 4);
    int m3 = g.tensor("mean_c_keep", TensorType.FLOAT32, 1, 2, 3, 1);
    byte[] model = g
        .op(BuiltinOperator.ADD, new int[] {in, constant}, new int[] {a}, BuiltinOptions.AddOptions,
            fb -> AddOptions.createAddOptions(fb, ActivationFunctionType.RELU, false))
        .op(BuiltinOperator.MEAN, new int[] {a, hw}, new int[] {m1}, BuiltinOptions.ReducerOptions,
            fb -> ReducerOptions.createReducerOptions(fb, false))
        .op(BuiltinOperator.MEAN, new int[] {a, h}, new int[] {m2}, BuiltinOptions.ReducerOptions,
            fb -> ReducerOptions.createReducerOptions(fb, false))
        .op(BuiltinOperator.MEAN, new int[] {a, lastAxis}, new int[] {m3}, BuiltinOptions.ReducerOptions,
            fb -> ReducerOptions.createReducerOptions(fb, true))
        .outputs(a, m1, m2, m3).build();

    float[] expectedA = new float[24];
    for (int i = 0; i < 24; i++) {
      expectedA[i] = Math.max(0, x[i] + c[i % 4]);
    }
    float[] expectedM1 = new float[4];
    float[] expectedM2 = new float[12];
    float[] expectedM3 = new float[6];
    for (int y = 0; y < 2; y++) {
      for (int xx = 0; xx < 3; xx++) {
        for (int ch = 0; ch < 4; ch++) {
          float v = expectedA[(y * 3 + xx) * 4 + ch];
          expectedM1[ch] += v / 6;
          expectedM2[xx * 4 + ch] += v / 2;
          expectedM3[y * 3 + xx] += v / 4;
        }
      }
    }
    List<float[]> out = run(model, layout, x, inShape);
    assertClose(expectedA, out.get(0));
    assertClose(expectedM1, out.get(1));
    assertClose(expectedM2, out.get(2));
    assertClose(expectedM3, out.get(3));
  }

  private static java.util.function.ToIntFunction<com.google.flatbuffers.FlatBufferBuilder> resizeOptions(
      boolean alignCorners, boolean halfPixel) {
    return fb -> ResizeBilinearOptions.createResizeBilinearOptions(fb, alignCorners, halfPixel);
  }

  /** TFLite's RESIZE_BILINEAR on an NHWC [1,h,w,c] tensor, as the golden README's reference describes it. */
  private static float[] resize(float[] x, int h, int w, int c, int oh, int ow, boolean alignCorners,
      boolean halfPixel) {
    float[] out = new float[oh * ow * c];
    for (int oy = 0; oy < oh; oy++) {
      double cy = source(oy, h, oh, alignCorners, halfPixel);
      int y0 = Math.max((int) Math.floor(cy), 0);
      int y1 = Math.min((int) Math.ceil(cy), h - 1);
      double fy = cy - Math.floor(cy);
      for (int ox = 0; ox < ow; ox++) {
        double cx = source(ox, w, ow, alignCorners, halfPixel);
        int x0 = Math.max((int) Math.floor(cx), 0);
        int x1 = Math.min((int) Math.ceil(cx), w - 1);
        double fx = cx - Math.floor(cx);
        for (int ch = 0; ch < c; ch++) {
          double top = x[(y0 * w + x0) * c + ch] * (1 - fx) + x[(y0 * w + x1) * c + ch] * fx;
          double bottom = x[(y1 * w + x0) * c + ch] * (1 - fx) + x[(y1 * w + x1) * c + ch] * fx;
          out[(oy * ow + ox) * c + ch] = (float) (top * (1 - fy) + bottom * fy);
        }
      }
    }
    return out;
  }

  private static double source(int o, int in, int out, boolean alignCorners, boolean halfPixel) {
    double scale = alignCorners && out > 1 ? (in - 1.0) / (out - 1.0) : (double) in / out;
    return halfPixel ? (o + 0.5) * scale - 0.5 : o * scale;
  }

  /** Converts, runs in ONNX Runtime and returns every output in TFLite (NHWC) order. */
  private static List<float[]> run(byte[] tflite, OnnxLayout layout, float[] nhwcInput, int[] inputShape)
      throws Exception {
    ConversionResult result = new TfliteToOnnxConverter().convert(tflite, ConversionOptions.of(layout));
    boolean nchw = layout == OnnxLayout.NCHW;
    assertArrayEquals(nchw ? new long[] {1, inputShape[3], inputShape[1], inputShape[2]}
        : java.util.Arrays.stream(inputShape).asLongStream().toArray(), result.inputShape());
    float[] feed = nchw ? Layouts.permute(nhwcInput, inputShape, Layouts.NHWC_TO_NCHW) : nhwcInput;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(result.onnxModel(), new OrtSession.SessionOptions());
         OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(feed), result.inputShape());
         OrtSession.Result out = session.run(Map.of(result.inputName(), tensor))) {
      List<float[]> values = new java.util.ArrayList<>();
      for (ConversionResult.TensorSpec spec : result.outputs()) {
        OnnxTensor t = (OnnxTensor) out.get(spec.name()).orElseThrow();
        assertArrayEquals(spec.shape(), t.getInfo().getShape(), spec.name());
        FloatBuffer buffer = t.getFloatBuffer();
        float[] v = new float[buffer.remaining()];
        buffer.get(v);
        long[] shape = spec.shape();
        if (nchw && shape.length == 4) {
          int[] s = {(int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3]};
          v = Layouts.permute(v, s, Layouts.NCHW_TO_NHWC);
        }
        values.add(v);
      }
      return values;
    }
  }

  private static void assertClose(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, "element count");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE, "element " + i);
    }
  }

  private static float[] randoms(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian());
    }
    return v;
  }
}
