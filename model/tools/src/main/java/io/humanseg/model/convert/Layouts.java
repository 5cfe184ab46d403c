package io.humanseg.model.convert;

/** Axis permutations between TFLite's channels-last tensors and ONNX's channels-first operators. */
final class Layouts {
  /** Transpose perm taking NHWC to NCHW (ONNX semantics: output axis j is input axis perm[j]). */
  static final int[] NHWC_TO_NCHW = {0, 3, 1, 2};
  /** Transpose perm taking NCHW back to NHWC. */
  static final int[] NCHW_TO_NHWC = {0, 2, 3, 1};
  /** TFLite conv kernel [O,KH,KW,I] to ONNX Conv weight [O,I,KH,KW]. */
  static final int[] OHWI_TO_OIHW = {0, 3, 1, 2};
  /**
   * Used twice: TFLite depthwise kernel [1,KH,KW,C*M] to ONNX grouped Conv weight [C*M,1,KH,KW], and TFLite
   * transposed-conv kernel [O,KH,KW,I] to ONNX ConvTranspose weight [I,O,KH,KW].
   */
  static final int[] LAST_AXIS_FIRST = {3, 0, 1, 2};

  private Layouts() {
  }

  /** Position of NHWC axis {@code axis} in an NCHW tensor. */
  static int nhwcAxisInNchw(int axis) {
    return NCHW_TO_NHWC[axis];
  }

  static int[] permuteShape(int[] shape, int[] perm) {
    int[] out = new int[perm.length];
    for (int j = 0; j < perm.length; j++) {
      out[j] = shape[perm[j]];
    }
    return out;
  }

  static long[] permuteShape(long[] shape, int[] perm) {
    long[] out = new long[perm.length];
    for (int j = 0; j < perm.length; j++) {
      out[j] = shape[perm[j]];
    }
    return out;
  }

  /** Row-major transpose of {@code data} laid out as {@code shape}: output axis j is input axis perm[j]. */
  static float[] permute(float[] data, int[] shape, int[] perm) {
    int rank = shape.length;
    if (perm.length != rank) {
      throw new IllegalArgumentException("perm rank " + perm.length + " != tensor rank " + rank);
    }
    int[] inStrides = new int[rank];
    int stride = 1;
    for (int a = rank - 1; a >= 0; a--) {
      inStrides[a] = stride;
      stride *= shape[a];
    }
    int[] outShape = permuteShape(shape, perm);
    int[] strideOfOutAxis = new int[rank];
    for (int j = 0; j < rank; j++) {
      strideOfOutAxis[j] = inStrides[perm[j]];
    }
    float[] out = new float[data.length];
    int[] idx = new int[rank];
    int src = 0;
    for (int o = 0; o < out.length; o++) {
      out[o] = data[src];
      // Odometer increment over the output index, tracking the matching input offset incrementally.
      for (int j = rank - 1; j >= 0; j--) {
        idx[j]++;
        src += strideOfOutAxis[j];
        if (idx[j] < outShape[j]) {
          break;
        }
        src -= strideOfOutAxis[j] * outShape[j];
        idx[j] = 0;
      }
    }
    return out;
  }

  static long[] toLongs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
