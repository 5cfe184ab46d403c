package io.humanseg.image;

/**
 * Bounds-checked integer reads from an encoded image held in memory. Reading past the end means the header is
 * truncated, which is reported as {@link ImageErrorCode#CORRUPT_IMAGE} rather than an index exception.
 */
final class Bytes {
  private Bytes() {}

  static int u8(byte[] d, int pos) {
    require(d, pos, 1);
    return d[pos] & 0xff;
  }

  static int u16be(byte[] d, int pos) {
    require(d, pos, 2);
    return (d[pos] & 0xff) << 8 | d[pos + 1] & 0xff;
  }

  static int u16le(byte[] d, int pos) {
    require(d, pos, 2);
    return d[pos] & 0xff | (d[pos + 1] & 0xff) << 8;
  }

  static int u24le(byte[] d, int pos) {
    require(d, pos, 3);
    return d[pos] & 0xff | (d[pos + 1] & 0xff) << 8 | (d[pos + 2] & 0xff) << 16;
  }

  static long u32be(byte[] d, int pos) {
    require(d, pos, 4);
    return (long) (d[pos] & 0xff) << 24 | (d[pos + 1] & 0xff) << 16 | (d[pos + 2] & 0xff) << 8 | d[pos + 3] & 0xff;
  }

  static long u32le(byte[] d, int pos) {
    require(d, pos, 4);
    return (long) (d[pos + 3] & 0xff) << 24 | (d[pos + 2] & 0xff) << 16 | (d[pos + 1] & 0xff) << 8 | d[pos] & 0xff;
  }

  /** Whether {@code d} holds the ASCII text at {@code pos}; false (not an error) when it runs past the end. */
  static boolean ascii(byte[] d, int pos, String text) {
    if (pos < 0 || pos > d.length - text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (d[pos + i] != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static void require(byte[] d, int pos, int count) {
    if (pos < 0 || pos > d.length - count) {
      throw ImageException.corrupt("image data ends early (needed " + count + " bytes at offset " + pos
          + " of " + d.length + ")");
    }
  }
}
