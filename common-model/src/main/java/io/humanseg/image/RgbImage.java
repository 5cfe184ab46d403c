package io.humanseg.image;

/**
 * 8-bit RGB pixels, interleaved (R, G, B per pixel), row-major, no padding, in the orientation a browser
 * displays. The one pixel type passed between decode, preprocess, refinement and encode.
 */
public record RgbImage(int width, int height, byte[] rgb) {
  public RgbImage {
    if (width <= 0 || height <= 0 || rgb.length != 3 * width * height) {
      throw new IllegalArgumentException(
          "RGB image " + width + "x" + height + " needs " + 3L * width * height + " bytes, got " + rgb.length);
    }
  }

  public static RgbImage blank(int width, int height) {
    return new RgbImage(width, height, new byte[3 * width * height]);
  }

  public long pixels() {
    return (long) width * height;
  }
}
