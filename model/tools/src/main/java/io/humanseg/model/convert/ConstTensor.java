package io.humanseg.model.convert;

import java.util.Arrays;

/**
 * A constant known at conversion time: float32 data (weights, widened float16) or int32 data (axes, sizes).
 * Exactly one of {@code floats} and {@code ints} is non-null.
 */
record ConstTensor(int[] shape, float[] floats, int[] ints) {

  static ConstTensor ofFloats(int[] shape, float[] data) {
    check(shape, data.length);
    return new ConstTensor(shape.clone(), data, null);
  }

  static ConstTensor ofInts(int[] shape, int[] data) {
    check(shape, data.length);
    return new ConstTensor(shape.clone(), null, data);
  }

  boolean isFloat() {
    return floats != null;
  }

  int rank() {
    return shape.length;
  }

  /** The float data with its axes permuted: output axis {@code j} is input axis {@code perm[j]}. */
  ConstTensor permuted(int[] perm) {
    return ofFloats(Layouts.permuteShape(shape, perm), Layouts.permute(floats, shape, perm));
  }

  /** The same data with leading 1-sized axes added up to {@code rank}, as NumPy broadcasting sees it. */
  ConstTensor padRank(int rank) {
    if (shape.length >= rank) {
      return this;
    }
    int[] s = new int[rank];
    Arrays.fill(s, 1);
    System.arraycopy(shape, 0, s, rank - shape.length, shape.length);
    return new ConstTensor(s, floats, ints);
  }

  private static void check(int[] shape, int length) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n != length) {
      throw new TfliteConversionException("constant of shape " + Arrays.toString(shape) + " has " + length
          + " elements");
    }
  }
}
