package io.humanseg.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The foreground of a mask: the smallest box holding every pixel at or above a threshold, and how many pixels
 * those are. The one rule for both kinds of mask: the model's probability map (segment: where the subject is,
 * for the second pass) and the 8-bit alpha mask (encode: the box and foreground fraction of the metadata, the
 * subject crop).
 *
 * <p>One pass, row by row; each row's count and first and last foreground columns come from the same scan.
 *
 * @param left first column holding foreground (0 when there is none)
 * @param top first row holding foreground (0 when there is none)
 * @param width columns from {@code left} to the last holding foreground; 0 when there is no foreground
 * @param height rows from {@code top} to the last holding foreground; 0 when there is no foreground
 * @param pixels how many pixels are foreground
 */
public record MaskBounds(int left, int top, int width, int height, long pixels) {
  private static final MaskBounds NONE = new MaskBounds(0, 0, 0, 0, 0);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
  private static final long TOP = 0x8080808080808080L;

  /** The foreground of an 8-bit mask, row-major: the pixels whose value (0..255) is at least {@code threshold}. */
  public static MaskBounds of(byte[] alpha, int width, int height, int threshold) {
    if (threshold < 1 || threshold > 255) {
      throw new IllegalArgumentException("threshold " + threshold + " outside 1..255");
    }
    // Eight pixels at a time (SWAR): per byte x, with low = x & 0x7f, low + (127 - n) sets the byte's top bit
    // exactly when low > n, and no byte carries into the next (at most 127 + 127). For thresholds up to 128
    // (n = threshold - 1) a pixel counts when that bit or x's own top bit is set; above 128
    // (n = threshold - 129) when both are.
    boolean high = threshold > 128;
    long add = ONES * (127 - (high ? threshold - 129 : threshold - 1));
    Rows rows = new Rows();
    for (int y = 0; y < height; y++) {
      int row = y * width;
      int count = 0;
      int first = -1;
      int last = -1;
      int x = 0;
      for (; x + 8 <= width; x += 8) {
        long w = (long) LONGS.get(alpha, row + x);
        long sum = (w & LOW7) + add;
        long flags = (high ? sum & w : sum | w) & TOP;
        if (flags != 0) {
          count += Long.bitCount(flags);
          if (first < 0) {
            first = x + Long.numberOfTrailingZeros(flags) / 8;
          }
          last = x + (63 - Long.numberOfLeadingZeros(flags)) / 8;
        }
      }
      for (; x < width; x++) {
        if ((alpha[row + x] & 0xff) >= threshold) {
          count++;
          if (first < 0) {
            first = x;
          }
          last = x;
        }
      }
      if (count > 0) {
        rows.add(y, first, last, count);
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
