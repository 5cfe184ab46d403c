package io.humanseg.encode;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;

/**
 * Crop to the subject: the foreground box grown by a margin on every side, clamped to the image. The margin
 * is {@code marginFraction} of the box's own width (left and right) and height (top and bottom) plus
 * {@code marginPixels}. With no person the region is the whole image: an empty picture helps no one.
 *
 * @param marginFraction margin as a fraction of the box's size, at least 0
 * @param marginPixels margin in pixels, at least 0
 */
public record SubjectCrop(double marginFraction, int marginPixels) {
  public SubjectCrop {
    if (!(marginFraction >= 0) || marginPixels < 0) {
      throw new IllegalArgumentException("margin " + marginFraction + " and " + marginPixels + " px");
    }
  }

  public static SubjectCrop fraction(double marginFraction) {
    return new SubjectCrop(marginFraction, 0);
  }

  public static SubjectCrop pixels(int marginPixels) {
    return new SubjectCrop(0, marginPixels);
  }

  /** The part of the image to keep. */
  public BoundingBox region(ForegroundStats stats) {
    BoundingBox box = stats.box();
    if (box == null) {
      return new BoundingBox(0, 0, stats.width(), stats.height());
    }
    long mx = Math.round(marginFraction * box.width()) + marginPixels;
    long my = Math.round(marginFraction * box.height()) + marginPixels;
    int left = (int) Math.max(0, box.left() - mx);
    int top = (int) Math.max(0, box.top() - my);
    int right = (int) Math.min(stats.width(), box.right() + mx);
    int bottom = (int) Math.min(stats.height(), box.bottom() + my);
    return new BoundingBox(left, top, right - left, bottom - top);
  }

  /** The region of the image, copied; the image itself when the region is all of it. */
  public static RgbImage crop(RgbImage image, BoundingBox region) {
    if (region.coversWhole(image.width(), image.height())) {
      return image;
    }
    requireInside(region, image.width(), image.height());
    byte[] out = new byte[3 * region.width() * region.height()];
    int rowBytes = 3 * region.width();
    for (int y = 0; y < region.height(); y++) {
      System.arraycopy(image.rgb(), 3 * ((region.top() + y) * image.width() + region.left()), out, y * rowBytes,
          rowBytes);
    }
    return new RgbImage(region.width(), region.height(), out);
  }

  /** The region of the mask, copied; the mask itself when the region is all of it. */
  public static AlphaMask crop(AlphaMask mask, BoundingBox region) {
    if (region.coversWhole(mask.width(), mask.height())) {
      return mask;
    }
    requireInside(region, mask.width(), mask.height());
    byte[] out = new byte[region.width() * region.height()];
    for (int y = 0; y < region.height(); y++) {
      System.arraycopy(mask.alpha(), (region.top() + y) * mask.width() + region.left(), out, y * region.width(),
          region.width());
    }
    return new AlphaMask(region.width(), region.height(), out);
  }

  private static void requireInside(BoundingBox region, int width, int height) {
    if (region.right() > width || region.bottom() > height) {
      throw new IllegalArgumentException(region + " outside " + width + "x" + height);
    }
  }
}
