package io.humanseg.encode;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.MaskBounds;

/**
 * Where the person is and how much of the image they fill, from one pass over the mask ({@link MaskBounds}).
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
    MaskBounds fg = MaskBounds.of(mask.alpha(), mask.width(), mask.height(), threshold);
    BoundingBox box = fg.isEmpty() ? null : new BoundingBox(fg.left(), fg.top(), fg.width(), fg.height());
    return new ForegroundStats(mask.width(), mask.height(), box, fg.pixels(), threshold);
  }

  public boolean personFound() {
    return box != null;
  }

  /** Foreground pixels over all pixels, 0..1. */
  public double foregroundFraction() {
    return (double) foregroundPixels / ((long) width * height);
  }
}
