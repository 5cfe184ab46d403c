package io.humanseg.model.convert;

/**
 * IEEE 754 binary16 to binary32 widening.
 *
 * <p>Java 17 has no {@code Float.float16ToFloat}. Every half value is exactly representable as a float, so the
 * conversion must be exact: the goldens were computed from the exactly widened weights, and any rounding here
 * would show up as a systematic error in the converted model.
 */
public final class Float16 {
  private Float16() {
  }

  /** Widens the half-precision value whose bits are the low 16 bits of {@code bits}. */
  public static float toFloat(int bits) {
    int h = bits & 0xFFFF;
    int sign = (h >>> 15) << 31;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) {
      // Infinity keeps a zero mantissa; NaN keeps its payload (shifted into the float's mantissa).
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa * 2^-24 is exact in float (at most 10 significant bits, power-of-two scale).
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }
}
