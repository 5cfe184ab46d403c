package io.humanseg.image;

/**
 * Reads the BMP file and DIB headers for the size, and for uncompressed bitmaps checks the pixel array is all
 * there. Bitmaps that wrap a JPEG or PNG stream are refused: the header's size would say nothing about what the
 * embedded stream decodes to, which defeats the limits.
 */
final class BmpHeaderReader {
  private static final int FILE_HEADER_LENGTH = 14;
  private static final int CORE_HEADER_LENGTH = 12; // OS/2 1.x: 16-bit sizes
  private static final long BI_RGB = 0;
  private static final long BI_BITFIELDS = 3;
  private static final long BI_JPEG = 4;
  private static final long BI_PNG = 5;
  private static final long BI_ALPHABITFIELDS = 6;

  private BmpHeaderReader() {}

  static ImageHeader read(byte[] d, boolean validate) {
    long pixelOffset = Bytes.u32le(d, 10);
    long headerLength = Bytes.u32le(d, FILE_HEADER_LENGTH);
    int dib = FILE_HEADER_LENGTH + 4;
    long width;
    long height;
    int bitsPerPixel;
    long compression = BI_RGB;
    if (headerLength == CORE_HEADER_LENGTH) {
      width = Bytes.u16le(d, dib);
      height = Bytes.u16le(d, dib + 2);
      bitsPerPixel = Bytes.u16le(d, dib + 6);
    } else {
      width = (int) Bytes.u32le(d, dib);
      height = (int) Bytes.u32le(d, dib + 4); // negative: rows stored top-down
      bitsPerPixel = Bytes.u16le(d, dib + 10);
      if (headerLength >= 20) {
        compression = Bytes.u32le(d, dib + 12);
      }
    }
    height = Math.abs(height);
    if (width <= 0 || height <= 0 || height > Integer.MAX_VALUE) {
      throw ImageException.corrupt("BMP declares size " + width + "x" + height);
    }
    if (compression == BI_JPEG || compression == BI_PNG) {
      throw ImageException.unsupported("BMP with an embedded JPEG or PNG stream is not supported");
    }
    boolean uncompressed = compression == BI_RGB || compression == BI_BITFIELDS || compression == BI_ALPHABITFIELDS;
    if (validate && uncompressed) {
      long rowBytes = (width * bitsPerPixel + 31) / 32 * 4;
      if (bitsPerPixel == 0 || pixelOffset + rowBytes * height > d.length) {
        throw ImageException.corrupt("BMP is truncated: " + width + "x" + height + " at " + bitsPerPixel
            + " bits per pixel needs " + (pixelOffset + rowBytes * height) + " bytes, the file has " + d.length);
      }
    }
    return new ImageHeader(ImageInfo.of(ImageFormat.BMP, (int) width, (int) height, ExifOrientation.NORMAL));
  }
}
