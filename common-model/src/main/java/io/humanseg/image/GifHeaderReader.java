package io.humanseg.image;

/**
 * Reads the GIF logical screen and the first frame's descriptor, and optionally walks the first frame's data
 * blocks to prove it is complete. Only the first frame is decoded, so later frames are not examined.
 *
 * <p>The displayed size is the logical screen, grown to hold the first frame if that frame sticks out of it,
 * as browsers do. Limits are therefore checked against everything the decoder will allocate.
 */
final class GifHeaderReader {
  private static final int HEADER_LENGTH = 13; // signature, logical screen descriptor
  private static final int EXTENSION = 0x21;
  private static final int IMAGE_DESCRIPTOR = 0x2c;
  private static final int TRAILER = 0x3b;

  private GifHeaderReader() {}

  static ImageHeader read(byte[] d, boolean validate) {
    int screenWidth = Bytes.u16le(d, 6);
    int screenHeight = Bytes.u16le(d, 8);
    int flags = Bytes.u8(d, 10);
    int pos = HEADER_LENGTH + colorTableLength(flags);
    while (true) {
      int block = Bytes.u8(d, pos);
      if (block == EXTENSION) {
        pos = skipSubBlocks(d, pos + 2);
      } else if (block == IMAGE_DESCRIPTOR) {
        int left = Bytes.u16le(d, pos + 1);
        int top = Bytes.u16le(d, pos + 3);
        int frameWidth = Bytes.u16le(d, pos + 5);
        int frameHeight = Bytes.u16le(d, pos + 7);
        int frameFlags = Bytes.u8(d, pos + 9);
        if (frameWidth == 0 || frameHeight == 0) {
          throw ImageException.corrupt("GIF frame declares size " + frameWidth + "x" + frameHeight);
        }
        if (validate) {
          int data = pos + 10 + colorTableLength(frameFlags);
          Bytes.u8(d, data); // LZW minimum code size
          skipSubBlocks(d, data + 1);
        }
        int width = Math.max(screenWidth, left + frameWidth);
        int height = Math.max(screenHeight, top + frameHeight);
        return new ImageHeader(ImageInfo.of(ImageFormat.GIF, width, height, ExifOrientation.NORMAL));
      } else if (block == TRAILER) {
        throw ImageException.corrupt("GIF has no image");
      } else {
        throw ImageException.corrupt("GIF has an unknown block 0x" + Integer.toHexString(block));
      }
    }
  }

  private static int colorTableLength(int flags) {
    return (flags & 0x80) == 0 ? 0 : 3 << ((flags & 0x07) + 1);
  }

  /** Position after a chain of data sub-blocks (length byte, data) ending in a zero-length block. */
  private static int skipSubBlocks(byte[] d, int pos) {
    while (true) {
      int size = Bytes.u8(d, pos);
      pos += 1 + size;
      if (size == 0) {
        return pos;
      }
    }
  }
}
