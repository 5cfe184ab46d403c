package io.humanseg.segment;

/** Resizes single-channel float maps (probabilities, filter coefficients) with {@link ResampleWeights}. */
final class MapResampler {
  private MapResampler() {}

  /** The whole of {@code src} resized to {@code dstWidth x dstHeight}. */
  static float[] resize(float[] src, int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
    float[] dst = new float[dstWidth * dstHeight];
    resizeInto(src, srcWidth, srcHeight, dst, dstWidth, new Region(0, 0, dstWidth, dstHeight));
    return dst;
  }

  /**
   * The whole of {@code src} (values in [0, 1]) resized to 8-bit alpha, written straight to bytes so that a
   * large output never exists as floats.
   */
  static byte[] resizeToAlpha(float[] src, int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
    ResampleWeights wy = ResampleWeights.of(0, srcHeight, srcHeight, dstHeight);
    float[] horizontal = horizontal(src, srcWidth, srcHeight, dstWidth);
    byte[] alpha = new byte[dstWidth * dstHeight];
    for (int y = 0; y < dstHeight; y++) {
      int out = y * dstWidth;
      int base = wy.first[y];
      for (int x = 0; x < dstWidth; x++) {
        float v = 0;
        for (int t = 0; t < wy.taps; t++) {
          float k = wy.weights[y * wy.taps + t];
          if (k != 0) {
            v += k * horizontal[(base + t) * dstWidth + x];
          }
        }
        alpha[out + x] = (byte) Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
      }
    }
    return alpha;
  }

  /** The whole of {@code src} resized onto {@code target} of a canvas {@code dstStride} wide, replacing it. */
  static void resizeInto(float[] src, int srcWidth, int srcHeight, float[] canvas, int dstStride, Region target) {
    int w = target.width();
    int h = target.height();
    ResampleWeights wy = ResampleWeights.of(0, srcHeight, srcHeight, h);
    float[] horizontal = horizontal(src, srcWidth, srcHeight, w);
    for (int y = 0; y < h; y++) {
      int out = (target.y() + y) * dstStride + target.x();
      int base = wy.first[y];
      for (int x = 0; x < w; x++) {
        float v = 0;
        for (int t = 0; t < wy.taps; t++) {
          float k = wy.weights[y * wy.taps + t];
          if (k != 0) {
            v += k * horizontal[(base + t) * w + x];
          }
        }
        canvas[out + x] = v;
      }
    }
  }

  /** Each row of {@code src} resized to {@code w} values. */
  private static float[] horizontal(float[] src, int srcWidth, int srcHeight, int w) {
    ResampleWeights wx = ResampleWeights.of(0, srcWidth, srcWidth, w);
    float[] horizontal = new float[srcHeight * w];
    for (int y = 0; y < srcHeight; y++) {
      int row = y * srcWidth;
      for (int x = 0; x < w; x++) {
        float v = 0;
        int base = row + wx.first[x];
        for (int t = 0; t < wx.taps; t++) {
          float k = wx.weights[x * wx.taps + t];
          if (k != 0) {
            v += k * src[base + t];
          }
        }
        horizontal[y * w + x] = v;
      }
    }
    return horizontal;
  }
}
