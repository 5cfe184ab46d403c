package io.humanseg.encode;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;

/**
 * Puts the person over a background: {@code out = fg * a + bg * (1 - a)} per channel, in 8-bit integer
 * arithmetic rounded to nearest, so alpha 255 keeps the photo's pixel exactly and alpha 0 the background's.
 */
public final class Compositor {
  private Compositor() {}

  public static RgbImage composite(RgbImage photo, AlphaMask mask, Background background) {
    Sizes.requireSame(photo, mask);
    // Each background is rendered into a fresh array that the blend then overwrites in place: one allocation.
    RgbImage bg = render(background, photo);
    blendInto(photo.rgb(), mask.alpha(), bg.rgb());
    return bg;
  }

  /** The background at the photo's size, in a new array. */
  static RgbImage render(Background background, RgbImage photo) {
    // Java 17 has no pattern switch; the interface is sealed, so these three are all there are.
    if (background instanceof Background.Color c) {
      return fill(photo.width(), photo.height(), c);
    } else if (background instanceof Background.Image i) {
      return copyIfShared(CoverScale.cover(i.image(), photo.width(), photo.height()), i.image());
    } else if (background instanceof Background.Blur b) {
      return BackgroundBlur.blur(photo, b.radius());
    }
    throw new IllegalArgumentException("background " + background);
  }

  /** {@code bg = fg * a + bg * (255 - a)) / 255}, rounded. */
  static void blendInto(byte[] fg, byte[] alpha, byte[] bg) {
    for (int p = 0, i = 0; p < alpha.length; p++, i += 3) {
      int a = alpha[p] & 0xff;
      if (a == 255) {
        bg[i] = fg[i];
        bg[i + 1] = fg[i + 1];
        bg[i + 2] = fg[i + 2];
      } else if (a != 0) {
        int b = 255 - a;
        bg[i] = (byte) div255((fg[i] & 0xff) * a + (bg[i] & 0xff) * b);
        bg[i + 1] = (byte) div255((fg[i + 1] & 0xff) * a + (bg[i + 1] & 0xff) * b);
        bg[i + 2] = (byte) div255((fg[i + 2] & 0xff) * a + (bg[i + 2] & 0xff) * b);
      }
    }
  }

  /** Round(x / 255) for 0 <= x <= 255 * 255 without a division. */
  static int div255(int x) {
    int t = x + 128;
    return (t + (t >> 8)) >> 8;
  }

  private static RgbImage fill(int width, int height, Background.Color c) {
    byte[] rgb = new byte[3 * width * height];
    rgb[0] = (byte) c.red();
    rgb[1] = (byte) c.green();
    rgb[2] = (byte) c.blue();
    // Doubling copies: a few dozen arraycopy calls instead of a loop over every pixel.
    for (int filled = 3; filled < rgb.length; filled *= 2) {
      System.arraycopy(rgb, 0, rgb, filled, Math.min(filled, rgb.length - filled));
    }
    return new RgbImage(width, height, rgb);
  }

  /** The cover-scaled background must not be the caller's own array, which the blend would overwrite. */
  private static RgbImage copyIfShared(RgbImage scaled, RgbImage original) {
    return scaled != original ? scaled
        : new RgbImage(scaled.width(), scaled.height(), scaled.rgb().clone());
  }
}
