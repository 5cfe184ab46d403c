package io.humanseg.image;

/**
 * Reads the PNG IHDR chunk (size) and an eXIf chunk before the image data (orientation), and optionally walks the
 * chunk list to IEND to prove the file is complete. Chunks carry their lengths, so the walk hops over the image
 * data rather than reading it.
 */
final class PngHeaderReader {
  private static final int SIGNATURE_LENGTH = 8;
  private static final int CHUNK_OVERHEAD = 12; // length, type, CRC

  private PngHeaderReader() {}

  static ImageHeader read(byte[] d, boolean validate) {
    int pos = SIGNATURE_LENGTH;
    if (Bytes.u32be(d, pos) != 13 || !Bytes.ascii(d, pos + 4, "IHDR")) {
      throw ImageException.corrupt("PNG does not start with an IHDR chunk");
    }
    long width = Bytes.u32be(d, pos + 8);
    long height = Bytes.u32be(d, pos + 12);
    if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw ImageException.corrupt("PNG declares size " + width + "x" + height);
    }
    ExifOrientation orientation = ExifOrientation.NORMAL;
    boolean sawImageData = false;
    boolean complete = false;
    pos += CHUNK_OVERHEAD + 13;
    while (pos <= d.length - CHUNK_OVERHEAD) {
      long length = Bytes.u32be(d, pos);
      if (length > d.length - pos - CHUNK_OVERHEAD) {
        break; // truncated chunk
      }
      if (Bytes.ascii(d, pos + 4, "IDAT")) {
        sawImageData = true;
        if (!validate) {
          break;
        }
      } else if (Bytes.ascii(d, pos + 4, "IEND")) {
        complete = true;
        break;
      } else if (!sawImageData && Bytes.ascii(d, pos + 4, "eXIf")) {
        // Browsers honour eXIf only ahead of the image data, as the PNG extension specifies.
        orientation = ExifOrientation.fromTiff(d, pos + 8, (int) length);
      }
      pos += CHUNK_OVERHEAD + (int) length;
    }
    if (validate && !(sawImageData && complete)) {
      throw ImageException.corrupt("PNG is truncated: " + (sawImageData ? "no IEND chunk" : "no image data"));
    }
    return new ImageHeader(ImageInfo.of(ImageFormat.PNG, (int) width, (int) height, orientation));
  }
}
