package io.humanseg.image;

/** One decoding backend. Implementations are stateless and safe to call from many threads at once. */
interface PixelDecoder {
  /**
   * Decodes {@code data}, whose header has already been read and checked against the limits.
   *
   * @param scale 1, 2, 4 or 8: decode at 1/scale of the stored size (only JPEG honours more than 1)
   * @return the pixels, in stored orientation
   * @throws ImageException {@link ImageErrorCode#CORRUPT_IMAGE} when this backend cannot decode the data (another
   *     backend may still manage: OpenCV cannot say whether a file is damaged or just a variant it lacks)
   */
  StoredPixels decode(byte[] data, ImageHeader header, int scale);
}
