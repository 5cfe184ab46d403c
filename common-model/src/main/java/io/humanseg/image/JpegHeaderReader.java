package io.humanseg.image;

import java.io.ByteArrayOutputStream;

/**
 * Walks JPEG marker segments up to the first scan for the frame size, component count and EXIF orientation, and
 * optionally on to the EOI marker to prove the file is complete. Decoders accept a truncated JPEG with no more
 * than a warning and fill the missing part with grey; we refuse it instead, whichever backend decodes.
 */
final class JpegHeaderReader {
  private static final int SOI = 0xd8;
  private static final int EOI = 0xd9;
  private static final int SOS = 0xda;
  private static final int APP1 = 0xe1;
  private static final int APP2 = 0xe2;

  private JpegHeaderReader() {}

  static ImageHeader read(byte[] d, boolean validate) {
    int pos = 2;
    int width = 0;
    int height = 0;
    int components = 0;
    ExifOrientation orientation = null;
    while (true) {
      pos = nextMarker(d, pos);
      if (pos < 0) {
        throw ImageException.corrupt("JPEG ends before its first scan");
      }
      int marker = d[pos] & 0xff;
      pos++;
      if (isStandalone(marker)) {
        continue;
      }
      if (marker == EOI) {
        throw ImageException.corrupt("JPEG has no image data");
      }
      int length = Bytes.u16be(d, pos);
      int start = pos + 2;
      int end = pos + length;
      if (length < 2 || end > d.length) {
        throw ImageException.corrupt("JPEG marker segment 0x" + Integer.toHexString(marker) + " is truncated");
      }
      if (isStartOfFrame(marker) && width == 0) {
        height = Bytes.u16be(d, start + 1);
        width = Bytes.u16be(d, start + 3);
        components = Bytes.u8(d, start + 5);
        if (width == 0 || height == 0) {
          // Height 0 defers the height to a DNL marker, which neither backend supports.
          throw ImageException.corrupt("JPEG frame declares size " + width + "x" + height);
        }
      } else if (marker == APP1 && orientation == null && Bytes.ascii(d, start, "Exif\0\0")) {
        orientation = ExifOrientation.fromTiff(d, start + 6, end - start - 6);
      } else if (marker == SOS) {
        if (width == 0) {
          throw ImageException.corrupt("JPEG scan starts before any frame header");
        }
        if (validate) {
          requireEndOfImage(d, end);
        }
        ExifOrientation o = orientation == null ? ExifOrientation.NORMAL : orientation;
        return new ImageHeader(ImageInfo.of(ImageFormat.JPEG, width, height, o), components);
      }
      pos = end;
    }
  }

  /**
   * Fails unless an EOI marker follows the scans. Most files simply end with FF D9, which is checked first so
   * the common case costs nothing; otherwise (trailing bytes after EOI, or truncation) the entropy-coded data is
   * walked, where FF is always followed by 00 or a restart marker, so the first other marker is real.
   */
  private static void requireEndOfImage(byte[] d, int firstScanData) {
    int n = d.length;
    if ((d[n - 2] & 0xff) == 0xff && (d[n - 1] & 0xff) == EOI) {
      return;
    }
    int pos = firstScanData;
    while (pos < n - 1) {
      if ((d[pos] & 0xff) != 0xff) {
        pos++;
        continue;
      }
      int next = d[pos + 1] & 0xff;
      if (next == 0 || next == 0xff || isStandalone(next)) {
        pos += next == 0xff ? 1 : 2;
        continue;
      }
      if (next == EOI) {
        return;
      }
      // A marker segment between scans (tables, the next SOS): skip it by its length.
      if (pos + 4 > n) {
        break;
      }
      pos += 2 + Bytes.u16be(d, pos + 2);
    }
    throw ImageException.corrupt("JPEG is truncated: no end-of-image marker");
  }

  /**
   * The JPEG without its APP2 ICC_PROFILE segments, or the same array when it has none. Handing the JDK's reader a
   * profile makes it parse the profile and convert every pixel through it (measured: twice the decode time, even
   * for an embedded sRGB profile); without it the reader returns the decoded RGB values, as OpenCV does. Only the
   * segments before the first scan are looked at, which is where the JPEG format puts them.
   */
  static byte[] withoutIccProfile(byte[] d) {
    ByteArrayOutputStream out = null;
    int copied = 0;
    int pos = 2;
    while (true) {
      pos = nextMarker(d, pos);
      if (pos < 0) {
        break;
      }
      int marker = d[pos] & 0xff;
      pos++;
      if (isStandalone(marker)) {
        continue;
      }
      if (marker == SOS || marker == EOI || pos + 2 > d.length) {
        break;
      }
      int end = pos + Bytes.u16be(d, pos);
      if (marker == APP2 && Bytes.ascii(d, pos + 2, "ICC_PROFILE\0")) {
        if (out == null) {
          out = new ByteArrayOutputStream(d.length);
        }
        int segmentStart = pos - 2; // the FF and marker byte
        out.write(d, copied, segmentStart - copied);
        copied = Math.min(end, d.length);
      }
      pos = end;
    }
    if (out == null) {
      return d;
    }
    out.write(d, copied, d.length - copied);
    return out.toByteArray();
  }

  /** Index of the next marker code after {@code pos}, skipping stray bytes and FF fill as libjpeg does; -1 at end. */
  private static int nextMarker(byte[] d, int pos) {
    while (pos < d.length - 1) {
      if ((d[pos] & 0xff) == 0xff && (d[pos + 1] & 0xff) != 0xff && d[pos + 1] != 0) {
        return pos + 1;
      }
      pos++;
    }
    return -1;
  }

  /** Markers without a length field: TEM, RST0-7 and SOI. */
  private static boolean isStandalone(int marker) {
    return marker == 0x01 || marker >= 0xd0 && marker <= 0xd7 || marker == SOI;
  }

  /** SOF0-3, 5-7, 9-11, 13-15; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }
}
