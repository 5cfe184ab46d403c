package io.humanseg.encode;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;

/** Argument checks shared by the encoders. */
final class Sizes {
  private Sizes() {}

  static void requireSame(RgbImage image, AlphaMask mask) {
    if (image.width() != mask.width() || image.height() != mask.height()) {
      throw new IllegalArgumentException("image " + image.width() + "x" + image.height() + " and mask "
          + mask.width() + "x" + mask.height() + " differ in size");
    }
  }
}
