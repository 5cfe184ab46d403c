package io.humanseg.image;

/**
 * Reads an image's header from its bytes without decoding pixels: format from the magic bytes, then the
 * format's own small header parse. Hand-written because each is a few bounded reads of an in-memory array, where
 * an ImageIO reader would cost a reader instance and a stream per call and still not report truncation.
 */
final class HeaderReader {
  private HeaderReader() {}

  /** Format, size and orientation from the headers; cheap, and allocates nothing in proportion to the image. */
  static ImageHeader read(byte[] data) {
    return read(data, false);
  }

  /**
   * Fails with {@link ImageErrorCode#CORRUPT_IMAGE} unless the encoded data is all there and consistent: the JPEG
   * EOI marker (a two-byte check when the file ends with it), the PNG IEND chunk, the GIF's first frame, the BMP
   * pixel array, the WebP RIFF container. Kept apart from {@link #read(byte[])} so that an oversized image is
   * reported as too large rather than as truncated; the header parse it repeats costs microseconds.
   */
  static void validate(byte[] data) {
    read(data, true);
  }

  static ImageHeader read(byte[] data, boolean validate) {
    if (data == null || data.length == 0) {
      throw new ImageException(ImageErrorCode.EMPTY_IMAGE, "no image data");
    }
    ImageFormat format = FormatSniffer.sniff(data).orElseThrow(() -> ImageException.unsupported(
        "not a JPEG, PNG, GIF, BMP or WebP image (" + data.length + " bytes starting " + hexPrefix(data) + ")"));
    return switch (format) {
      case JPEG -> JpegHeaderReader.read(data, validate);
      case PNG -> PngHeaderReader.read(data, validate);
      case GIF -> GifHeaderReader.read(data, validate);
      case BMP -> BmpHeaderReader.read(data, validate);
      case WEBP -> WebpHeaderReader.read(data, validate);
    };
  }

  private static String hexPrefix(byte[] data) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(8, data.length); i++) {
      hex.append(String.format("%02x", data[i] & 0xff));
    }
    return hex.toString();
  }
}
