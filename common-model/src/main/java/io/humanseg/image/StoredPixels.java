package io.humanseg.image;

/**
 * Decoded 8-bit pixels as a backend produced them: stored orientation (EXIF not yet applied), three interleaved
 * bytes per pixel, no padding, in BGR or RGB order. {@link OrientationTransform} turns this into an
 * {@link RgbImage}, in place where it can.
 */
record StoredPixels(int width, int height, byte[] pixels, boolean bgr) {
  StoredPixels {
    if (width <= 0 || height <= 0 || pixels.length != 3 * width * height) {
      throw new IllegalArgumentException("pixels " + width + "x" + height + " need " + 3L * width * height
          + " bytes, got " + pixels.length);
    }
  }
}
