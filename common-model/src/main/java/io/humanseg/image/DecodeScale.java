package io.humanseg.image;

/**
 * Picks the JPEG DCT scaling (1/1, 1/2, 1/4 or 1/8) for a requested minimum size. Decoding at 1/8 skips most of
 * the inverse DCT and colour conversion work, and the model input is small, so this is the largest saving on the
 * request path.
 */
final class DecodeScale {
  static final int[] SCALES = {8, 4, 2};

  private DecodeScale() {}

  /**
   * The largest denominator whose result still covers {@code minWidth x minHeight} in displayed orientation; 1
   * when both minimums are 0 (full resolution) or the format has no cheap reduced decode. A minimum of 0 on one
   * axis leaves that axis unconstrained.
   */
  static int choose(ImageHeader header, int minWidth, int minHeight) {
    if (header.format() != ImageFormat.JPEG || minWidth == 0 && minHeight == 0) {
      return 1;
    }
    ImageInfo info = header.info();
    for (int scale : SCALES) {
      if (scaled(info.width(), scale) >= minWidth && scaled(info.height(), scale) >= minHeight) {
        return scale;
      }
    }
    return 1;
  }

  /** libjpeg's output size at 1/scale: rounded up. */
  static int scaled(int size, int scale) {
    return (size + scale - 1) / scale;
  }
}
