package io.humanseg.encode;

/**
 * An encoded response image and what was learnt on the way.
 *
 * @param bytes the encoded file
 * @param format its format
 * @param width its width in pixels
 * @param height its height in pixels
 * @param stats the foreground of the whole (uncropped) mask
 * @param region the part of the photo the image shows: all of it unless cropped to the subject
 */
public record EncodedResult(
    byte[] bytes, OutputFormat format, int width, int height, ForegroundStats stats, BoundingBox region) {
  public String mediaType() {
    return format.mediaType();
  }
}
