package io.humanseg.image;

/**
 * Reads the size from a WebP file's first chunk (VP8, VP8L or the VP8X canvas) and an EXIF chunk's orientation,
 * and when validating checks the RIFF container is all there and, for an extended still image, that the
 * bitstream's own size matches the canvas (as libwebp requires), so the canvas checked against the limits is what
 * gets allocated.
 */
final class WebpHeaderReader {
  private static final int RIFF_HEADER_LENGTH = 12; // "RIFF", size, "WEBP"
  private static final int CHUNK_HEADER_LENGTH = 8;
  private static final int VP8X_ANIMATION = 0x02;

  private WebpHeaderReader() {}

  static ImageHeader read(byte[] d, boolean validate) {
    long riffEnd = CHUNK_HEADER_LENGTH + Bytes.u32le(d, 4);
    if (validate && riffEnd > d.length) {
      throw ImageException.corrupt("WebP is truncated: the RIFF container declares " + riffEnd
          + " bytes, the file has " + d.length);
    }
    int end = (int) Math.min(riffEnd, d.length);
    int pos = RIFF_HEADER_LENGTH;
    int[] size = bitstreamSize(d, pos);
    if (size != null) {
      requireChunkInside(d, pos, end, validate);
      return new ImageHeader(ImageInfo.of(ImageFormat.WEBP, size[0], size[1], ExifOrientation.NORMAL));
    }
    if (!Bytes.ascii(d, pos, "VP8X")) {
      throw ImageException.corrupt("WebP starts with an unknown chunk");
    }
    int flags = Bytes.u8(d, pos + 8);
    int width = Bytes.u24le(d, pos + 12) + 1;
    int height = Bytes.u24le(d, pos + 15) + 1;
    boolean animated = (flags & VP8X_ANIMATION) != 0;
    ExifOrientation orientation = ExifOrientation.NORMAL;
    boolean sawBitstream = false;
    pos = nextChunk(d, pos);
    while (pos <= end - CHUNK_HEADER_LENGTH) {
      int[] frame = bitstreamSize(d, pos);
      if (frame != null && !animated) {
        if (validate && (frame[0] != width || frame[1] != height)) {
          throw ImageException.corrupt("WebP canvas is " + width + "x" + height + " but its image is " + frame[0]
              + "x" + frame[1]);
        }
        sawBitstream = true;
      } else if (Bytes.ascii(d, pos, "ANMF")) {
        sawBitstream = true;
      } else if (Bytes.ascii(d, pos, "EXIF")) {
        int length = (int) Math.min(Bytes.u32le(d, pos + 4), end - pos - CHUNK_HEADER_LENGTH);
        int data = pos + CHUNK_HEADER_LENGTH;
        // Some writers keep the JPEG-style "Exif\0\0" prefix in front of the TIFF structure.
        int skip = Bytes.ascii(d, data, "Exif\0\0") ? 6 : 0;
        orientation = ExifOrientation.fromTiff(d, data + skip, length - skip);
      }
      requireChunkInside(d, pos, end, validate);
      pos = nextChunk(d, pos);
    }
    if (validate && !sawBitstream) {
      throw ImageException.corrupt("WebP has no image data");
    }
    return new ImageHeader(ImageInfo.of(ImageFormat.WEBP, width, height, orientation));
  }

  /** Width and height from a VP8 or VP8L chunk at {@code pos}; null for any other chunk. */
  private static int[] bitstreamSize(byte[] d, int pos) {
    int data = pos + CHUNK_HEADER_LENGTH;
    if (Bytes.ascii(d, pos, "VP8 ")) {
      // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit sizes with 2-bit scaling hints we ignore.
      if (Bytes.u8(d, data + 3) != 0x9d || Bytes.u8(d, data + 4) != 0x01 || Bytes.u8(d, data + 5) != 0x2a) {
        throw ImageException.corrupt("WebP VP8 frame has no start code");
      }
      return requirePositive(Bytes.u16le(d, data + 6) & 0x3fff, Bytes.u16le(d, data + 8) & 0x3fff);
    }
    if (Bytes.ascii(d, pos, "VP8L")) {
      if (Bytes.u8(d, data) != 0x2f) {
        throw ImageException.corrupt("WebP VP8L stream has no signature");
      }
      long bits = Bytes.u32le(d, data + 1);
      return new int[] {(int) (bits & 0x3fff) + 1, (int) (bits >> 14 & 0x3fff) + 1};
    }
    return null;
  }

  private static int[] requirePositive(int width, int height) {
    if (width == 0 || height == 0) {
      throw ImageException.corrupt("WebP declares size " + width + "x" + height);
    }
    return new int[] {width, height};
  }

  private static void requireChunkInside(byte[] d, int pos, int end, boolean validate) {
    if (validate && pos + CHUNK_HEADER_LENGTH + Bytes.u32le(d, pos + 4) > end) {
      throw ImageException.corrupt("WebP is truncated: chunk " + new String(d, pos, 4,
          java.nio.charset.StandardCharsets.US_ASCII) + " runs past the end");
    }
  }

  /** Chunks are padded to an even length. */
  private static int nextChunk(byte[] d, int pos) {
    long length = Bytes.u32le(d, pos + 4);
    long next = pos + CHUNK_HEADER_LENGTH + length + (length & 1);
    return next > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) next;
  }
}
