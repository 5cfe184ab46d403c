package io.humanseg.model.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Float16Test {

  /** All 65536 half values against the definition (-1)^s * 2^(e-15) * 1.m, evaluated in double. */
  @Test
  void everyHalfValueWidensExactly() {
    for (int bits = 0; bits < 0x10000; bits++) {
      int sign = bits >>> 15;
      int exponent = (bits >>> 10) & 0x1F;
      int mantissa = bits & 0x3FF;
      float actual = Float16.toFloat(bits);
      if (exponent == 0x1F) {
        assertTrue(mantissa == 0 ? Float.isInfinite(actual) : Float.isNaN(actual), Integer.toHexString(bits));
        continue;
      }
      double magnitude = exponent == 0
          ? Math.scalb((double) mantissa, -24)
          : Math.scalb(1 + mantissa / 1024.0, exponent - 15);
      double expected = sign == 1 ? -magnitude : magnitude;
      assertEquals(expected, (double) actual, 0.0, Integer.toHexString(bits));
      assertEquals(sign == 1, (Float.floatToRawIntBits(actual) >>> 31) == 1, "sign of " + Integer.toHexString(bits));
    }
  }

  @Test
  void knownValues() {
    assertEquals(1.0f, Float16.toFloat(0x3C00));
    assertEquals(-2.0f, Float16.toFloat(0xC000));
    assertEquals(65504.0f, Float16.toFloat(0x7BFF));
    assertEquals(0x1p-24f, Float16.toFloat(0x0001));
    assertEquals(0x1p-14f, Float16.toFloat(0x0400));
    assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat(0xFC00));
  }
}
