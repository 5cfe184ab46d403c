package io.humanseg.encode;

/**
 * A rectangle of pixels in image coordinates: {@code left} and {@code top} inclusive, never empty.
 *
 * @param left first column
 * @param top first row
 * @param width columns, at least 1
 * @param height rows, at least 1
 */
public record BoundingBox(int left, int top, int width, int height) {
  public BoundingBox {
    if (left < 0 || top < 0 || width <= 0 || height <= 0) {
      throw new IllegalArgumentException("box " + left + "," + top + " " + width + "x" + height);
    }
  }

  /** Column after the last. */
  public int right() {
    return left + width;
  }

  /** Row after the last. */
  public int bottom() {
    return top + height;
  }

  public boolean coversWhole(int imageWidth, int imageHeight) {
    return left == 0 && top == 0 && width == imageWidth && height == imageHeight;
  }
}
