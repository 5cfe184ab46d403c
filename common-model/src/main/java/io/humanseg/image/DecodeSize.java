package io.humanseg.image;

/**
 * The smallest size, once oriented, that a caller needs a photo decoded at; {@link #FULL} for every pixel.
 * {@link ImageDecoder#decode(byte[], java.util.function.Function)} asks for it once the header is read.
 */
public record DecodeSize(int minWidth, int minHeight) {
  public static final DecodeSize FULL = new DecodeSize(0, 0);

  public DecodeSize {
    if (minWidth < 0 || minHeight < 0) {
      throw new IllegalArgumentException("minimum size must not be negative: " + minWidth + "x" + minHeight);
    }
  }
}
