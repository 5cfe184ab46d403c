package io.humanseg.image;

/**
 * The foreground of a mask: the smallest box holding every pixel at or above a threshold, and how many pixels
 * those are. The one rule for both kinds of mask: the model's probability map (segment: where the subject is,
 * for the second pass) and the 8-bit alpha mask (encode: the box and foreground fraction of the metadata, the
 * subject crop).
 *
 * <p>One pass, row by row: a row's foreground is counted first, and its first and last foreground columns are
 * searched only when it has any, since most rows of a mask have none.
 *
 * @param left first column holding foreground (0 when there is none)
 * @param top first row holding foreground (0 when there is none)
 * @param width columns from {@code left} to the last holding foreground; 0 when there is no foreground
 * @param height rows from {@code top} to the last holding foreground; 0 when there is no foreground
 * @param pixels how many pixels are foreground
 */
public record MaskBounds(int left, int top, int width, int height, long pixels) {
  private static final MaskBounds NONE = new MaskBounds(0, 0, 0, 0, 0);

  /** The foreground of an 8-bit mask, row-major: the pixels whose value (0..255) is at least {@code threshold}. */
  public static MaskBounds of(byte[] alpha, int width, int height, int threshold) {
    if (threshold < 1 || threshold > 255) {
      throw new IllegalArgumentException("threshold " + threshold + " outside 1..255");
    }
    Rows rows = new Rows();
    for (int y = 0; y < height; y++) {
      int row = y * width;
      // Without branches: the sign bit of (value - threshold) marks a pixel below the threshold.
      int below = 0;
      for (int x = 0; x < width; x++) {
        below += ((alpha[row + x] & 0xff) - threshold) >>> 31;
      }
      if (below < width) {
        int first = 0;
        while ((alpha[row + first] & 0xff) < threshold) {
          first++;
        }
        int last = width - 1;
        while ((alpha[row + last] & 0xff) < threshold) {
          last--;
        }
        rows.add(y, first, last, width - below);
      }
    }
    return rows.bounds();
  }

  /** The foreground of a float map, row-major: the values at least {@code threshold} (never NaN). */
  public static MaskBounds of(float[] values, int width, int height, float threshold) {
    Rows rows = new Rows();
    for (int y = 0; y < height; y++) {
      int row = y * width;
      int count = 0;
      for (int x = 0; x < width; x++) {
        if (values[row + x] >= threshold) {
          count++;
        }
      }
      if (count > 0) {
        int first = 0;
        while (!(values[row + first] >= threshold)) {
          first++;
        }
        int last = width - 1;
        while (!(values[row + last] >= threshold)) {
          last--;
        }
        rows.add(y, first, last, count);
      }
    }
    return rows.bounds();
  }

  public boolean isEmpty() {
    return pixels == 0;
  }

  /** Column after the last holding foreground. */
  public int right() {
    return left + width;
  }

  /** Row after the last holding foreground. */
  public int bottom() {
    return top + height;
  }

  /** The box growing over the rows that hold foreground, top to bottom. */
  private static final class Rows {
    private int left = Integer.MAX_VALUE;
    private int right = -1;
    private int top = -1;
    private int bottom = -1;
    private long pixels;

    void add(int y, int first, int last, int count) {
      left = Math.min(left, first);
      right = Math.max(right, last);
      if (top < 0) {
        top = y;
      }
      bottom = y;
      pixels += count;
    }

    MaskBounds bounds() {
      return pixels == 0 ? NONE : new MaskBounds(left, top, right - left + 1, bottom - top + 1, pixels);
    }
  }
}
