package io.humanseg.image;

/**
 * Applies the EXIF orientation and puts the channels in RGB order in a single pass, for every backend. Upright
 * images (by far the most common) are fixed up in place with no copy; turned ones are copied once, in tiles so
 * that the column-wise writes of a 90-degree turn stay in cache.
 */
final class OrientationTransform {
  private static final int TILE = 64;

  private OrientationTransform() {}

  static RgbImage toDisplayed(StoredPixels stored, ExifOrientation orientation) {
    int w = stored.width();
    int h = stored.height();
    byte[] src = stored.pixels();
    if (orientation == ExifOrientation.NORMAL) {
      if (stored.bgr()) {
        swapRedBlue(src);
      }
      return new RgbImage(w, h, src);
    }
    byte[] dst = new byte[src.length];
    int step = 3 * orientation.step(w, h);
    for (int ty = 0; ty < h; ty += TILE) {
      int yEnd = Math.min(h, ty + TILE);
      for (int tx = 0; tx < w; tx += TILE) {
        int xEnd = Math.min(w, tx + TILE);
        for (int y = ty; y < yEnd; y++) {
          int s = 3 * (y * w + tx);
          int d = 3 * orientation.rowStart(y, w, h) + tx * step;
          if (stored.bgr()) {
            for (int x = tx; x < xEnd; x++, s += 3, d += step) {
              dst[d] = src[s + 2];
              dst[d + 1] = src[s + 1];
              dst[d + 2] = src[s];
            }
          } else {
            for (int x = tx; x < xEnd; x++, s += 3, d += step) {
              dst[d] = src[s];
              dst[d + 1] = src[s + 1];
              dst[d + 2] = src[s + 2];
            }
          }
        }
      }
    }
    return new RgbImage(orientation.displayedWidth(w, h), orientation.displayedHeight(w, h), dst);
  }

  private static void swapRedBlue(byte[] px) {
    for (int i = 0, n = px.length; i < n; i += 3) {
      byte b = px[i];
      px[i] = px[i + 2];
      px[i + 2] = b;
    }
  }
}
