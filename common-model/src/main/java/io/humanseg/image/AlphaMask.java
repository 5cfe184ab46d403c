package io.humanseg.image;

/**
 * 8-bit alpha, one byte per pixel, row-major: 255 is person, 0 is background. What the pipeline returns and
 * what every encoder takes.
 */
public record AlphaMask(int width, int height, byte[] alpha) {
  public AlphaMask {
    if (width <= 0 || height <= 0 || alpha.length != width * height) {
      throw new IllegalArgumentException(
          "mask " + width + "x" + height + " needs " + (long) width * height + " bytes, got " + alpha.length);
    }
  }

  public static AlphaMask empty(int width, int height) {
    return new AlphaMask(width, height, new byte[width * height]);
  }

  /** The value at (x, y), 0..255. */
  public int at(int x, int y) {
    return alpha[y * width + x] & 0xff;
  }
}
