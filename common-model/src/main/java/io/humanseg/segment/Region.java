package io.humanseg.segment;

/** An axis-aligned rectangle in pixels: {@code [x, x + width) x [y, y + height)}. */
public record Region(int x, int y, int width, int height) {
  public Region {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("empty region " + width + "x" + height);
    }
  }

  public static Region whole(int width, int height) {
    return new Region(0, 0, width, height);
  }

  public long area() {
    return (long) width * height;
  }
}
