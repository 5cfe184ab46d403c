package io.humanseg.encode;

import io.humanseg.image.AlphaMask;

/**
 * Where the person is and how much of the image they fill, from one pass over the mask.
 *
 * <p>A pixel is foreground when its alpha is at least the threshold (128 by default, the same cut as the
 * evaluation's IoU). The fraction counts such pixels rather than averaging alpha, so that it agrees with the box
 * and with {@link #personFound()}: a soft, faint halo does not add to it.
 *
 * @param width the mask's width
 * @param height the mask's height
 * @param box the smallest box holding every foreground pixel, or null when there is none
 * @param foregroundPixels how many pixels are foreground
 * @param threshold the alpha from which a pixel counts as foreground, 1..255
 */
public record ForegroundStats(int width, int height, BoundingBox box, long foregroundPixels, int threshold) {
  public static final int DEFAULT_THRESHOLD = 128;

  public static ForegroundStats of(AlphaMask mask) {
    return of(mask, DEFAULT_THRESHOLD);
  }

  public static ForegroundStats of(AlphaMask mask, int threshold) {
    if (threshold < 1 || threshold > 255) {
      throw new IllegalArgumentException("threshold " + threshold + " outside 1..255");
    }
    byte[] a = mask.alpha();
    int w = mask.width();
    int h = mask.height();
    int left = w;
    int right = -1;
    int top = -1;
    int bottom = -1;
    long count = 0;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      // Count first, then search the row's ends only when it has foreground: most rows of a mask have none.
      int rowCount = 0;
      for (int x = 0; x < w; x++) {
        rowCount += ((a[row + x] & 0xff) - threshold) >>> 31;
      }
      rowCount = w - rowCount;
      if (rowCount > 0) {
        int first = 0;
        while ((a[row + first] & 0xff) < threshold) {
          first++;
        }
        int last = w - 1;
        while ((a[row + last] & 0xff) < threshold) {
          last--;
        }
        count += rowCount;
        left = Math.min(left, first);
        right = Math.max(right, last);
        if (top < 0) {
          top = y;
        }
        bottom = y;
      }
    }
    BoundingBox box = count == 0 ? null : new BoundingBox(left, top, right - left + 1, bottom - top + 1);
    return new ForegroundStats(w, h, box, count, threshold);
  }

  public boolean personFound() {
    return box != null;
  }

  /** Foreground pixels over all pixels, 0..1. */
  public double foregroundFraction() {
    return (double) foregroundPixels / ((long) width * height);
  }
}
