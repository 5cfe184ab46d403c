package io.humanseg.image;

/**
 * The largest image the decoder accepts. Checked against the header before any pixel memory is allocated, so a
 * small file declaring an enormous picture (a decompression bomb) costs a header read, not an OutOfMemoryError.
 *
 * @param maxSide longest side in pixels, stored or displayed (the same number either way)
 * @param maxPixels width times height
 * @param maxBytes size of the encoded input
 */
public record ImageLimits(int maxSide, long maxPixels, long maxBytes) {
  /** 4096 px on the longest side, 4096 x 4096 pixels, 32 MiB encoded. */
  public static final ImageLimits DEFAULT = new ImageLimits(4096, 4096L * 4096, 32L << 20);

  /** The RGB buffer of an accepted image must fit one Java array. */
  private static final long MAX_REPRESENTABLE_PIXELS = Integer.MAX_VALUE / 3;

  public ImageLimits {
    if (maxSide <= 0 || maxPixels <= 0 || maxBytes <= 0) {
      throw new IllegalArgumentException("image limits must be positive: " + maxSide + ", " + maxPixels + ", "
          + maxBytes);
    }
    if (maxPixels > MAX_REPRESENTABLE_PIXELS) {
      throw new IllegalArgumentException("maxPixels " + maxPixels + " exceeds " + MAX_REPRESENTABLE_PIXELS
          + ", the most one RGB byte array can hold");
    }
  }

  public ImageLimits withMaxSide(int side) {
    return new ImageLimits(side, maxPixels, maxBytes);
  }

  public ImageLimits withMaxPixels(long pixels) {
    return new ImageLimits(maxSide, pixels, maxBytes);
  }

  public ImageLimits withMaxBytes(long bytes) {
    return new ImageLimits(maxSide, maxPixels, bytes);
  }

  void checkEncodedSize(long length) {
    if (length > maxBytes) {
      throw ImageException.tooLarge("image file has " + length + " bytes; the limit is " + maxBytes);
    }
  }

  void checkDimensions(ImageInfo info) {
    int w = info.storedWidth();
    int h = info.storedHeight();
    if (Math.max(w, h) > maxSide) {
      throw ImageException.tooLarge("image is " + w + "x" + h + " pixels; the longest side may be " + maxSide);
    }
    if ((long) w * h > maxPixels) {
      throw ImageException.tooLarge("image is " + w + "x" + h + " = " + (long) w * h + " pixels; the limit is "
          + maxPixels);
    }
  }
}
