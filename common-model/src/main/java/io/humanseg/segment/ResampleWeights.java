package io.humanseg.segment;

/**
 * Separable resampling weights along one axis, from a source span to {@code dstLength} samples. Shrinking
 * averages the source pixels each target pixel covers (area, so no aliasing); enlarging interpolates
 * linearly between pixel centres. Built once per call, applied row by row.
 */
final class ResampleWeights {
  /** First source index contributing to each target index. */
  final int[] first;
  /** Weights of the contributing source indices, {@code taps} per target index. */
  final float[] weights;
  final int taps;

  private ResampleWeights(int[] first, float[] weights, int taps) {
    this.first = first;
    this.weights = weights;
    this.taps = taps;
  }

  /**
   * @param srcStart first source index of the span
   * @param srcLength length of the span in source pixels
   * @param srcLimit number of source pixels that exist (indices are clamped to it)
   */
  static ResampleWeights of(int srcStart, int srcLength, int srcLimit, int dstLength) {
    double scale = (double) srcLength / dstLength;
    return scale > 1
        ? area(srcStart, scale, srcLimit, dstLength)
        : linear(srcStart, scale, srcStart, Math.min(srcStart + srcLength, srcLimit) - 1, dstLength);
  }

  /**
   * Weights where target index d covers the source span {@code [origin + d * step, origin + (d + 1) * step)},
   * which may start between pixels (a map placed on a grid of another size); positions are clamped to the
   * source's pixels.
   */
  static ResampleWeights along(double origin, double step, int srcLimit, int dstLength) {
    return step > 1
        ? area(origin, step, srcLimit, dstLength)
        : linear(origin, step, 0, srcLimit - 1, dstLength);
  }

  private static ResampleWeights area(double srcStart, double scale, int srcLimit, int dstLength) {
    int taps = (int) Math.ceil(scale) + 1;
    int[] first = new int[dstLength];
    float[] weights = new float[dstLength * taps];
    for (int d = 0; d < dstLength; d++) {
      double lo = srcStart + d * scale;
      double hi = lo + scale;
      double span = scale;
      // A span starting before the source (a crop's first column on a finer grid) keeps the part that exists.
      if (lo < 0) {
        span = hi;
        lo = 0;
      }
      int i0 = (int) Math.floor(lo);
      first[d] = Math.min(i0, srcLimit - 1);
      for (int t = 0; t < taps; t++) {
        int i = i0 + t;
        double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
        if (overlap > 0 && i < srcLimit) {
          weights[d * taps + t] = (float) (overlap / span);
        }
      }
      if (first[d] != i0) { // the span ends past the source: give the weight to the last pixel
        weights[d * taps] = 1f;
        for (int t = 1; t < taps; t++) {
          weights[d * taps + t] = 0f;
        }
      }
    }
    return new ResampleWeights(first, weights, taps);
  }

  /** Interpolation between the two source pixels around each target centre, clamped to [min, last]. */
  private static ResampleWeights linear(double srcStart, double scale, int min, int last, int dstLength) {
    int[] first = new int[dstLength];
    float[] weights = new float[dstLength * 2];
    for (int d = 0; d < dstLength; d++) {
      // Half-pixel centres, clamped at the span's edges.
      double pos = Math.max(min, Math.min(srcStart + (d + 0.5) * scale - 0.5, last));
      int i0 = (int) Math.floor(pos);
      first[d] = i0;
      if (i0 >= last) {
        weights[2 * d] = 1f;
      } else {
        weights[2 * d] = (float) (1 - (pos - i0));
        weights[2 * d + 1] = (float) (pos - i0);
      }
    }
    return new ResampleWeights(first, weights, 2);
  }
}
