package io.humanseg.image;

/**
 * What the headers say about an image, read without decoding pixels.
 *
 * @param format the encoded format, from the magic bytes
 * @param width displayed width: after the EXIF orientation is applied, as a browser shows it
 * @param height displayed height
 * @param storedWidth width of the pixel grid as encoded
 * @param storedHeight height of the pixel grid as encoded
 * @param orientation the EXIF orientation that turns stored into displayed; {@link ExifOrientation#NORMAL} when
 *     the file has none
 */
public record ImageInfo(
    ImageFormat format, int width, int height, int storedWidth, int storedHeight, ExifOrientation orientation) {
  public ImageInfo {
    if (storedWidth <= 0 || storedHeight <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + storedWidth + "x" + storedHeight);
    }
    if (width != orientation.displayedWidth(storedWidth, storedHeight)
        || height != orientation.displayedHeight(storedWidth, storedHeight)) {
      throw new IllegalArgumentException("displayed size " + width + "x" + height + " does not match stored "
          + storedWidth + "x" + storedHeight + " turned by " + orientation);
    }
  }

  /** The info for a stored size and orientation, with the displayed size worked out. */
  public static ImageInfo of(ImageFormat format, int storedWidth, int storedHeight, ExifOrientation orientation) {
    return new ImageInfo(format, orientation.displayedWidth(storedWidth, storedHeight),
        orientation.displayedHeight(storedWidth, storedHeight), storedWidth, storedHeight, orientation);
  }
}
