package io.humanseg.image;

import java.util.Optional;

/**
 * Tells the format from the first bytes. File names and Content-Type headers are never consulted: clients get
 * them wrong often enough, and the bytes are what the decoder has to handle anyway.
 */
public final class FormatSniffer {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private FormatSniffer() {}

  public static Optional<ImageFormat> sniff(byte[] data) {
    if (data == null) {
      return Optional.empty();
    }
    if (startsWith(data, 0, (byte) 0xff, (byte) 0xd8, (byte) 0xff)) {
      return Optional.of(ImageFormat.JPEG);
    }
    if (startsWith(data, 0, PNG_SIGNATURE)) {
      return Optional.of(ImageFormat.PNG);
    }
    if (startsWith(data, 0, "GIF87a") || startsWith(data, 0, "GIF89a")) {
      return Optional.of(ImageFormat.GIF);
    }
    if (startsWith(data, 0, "RIFF") && startsWith(data, 8, "WEBP")) {
      return Optional.of(ImageFormat.WEBP);
    }
    if (startsWith(data, 0, "BM") && isBmpInfoHeaderSize(data)) {
      return Optional.of(ImageFormat.BMP);
    }
    return Optional.empty();
  }

  /** "BM" alone is too weak a signature (plain text can start with it), so the DIB header size must be known. */
  private static boolean isBmpInfoHeaderSize(byte[] data) {
    if (data.length < 18) {
      return false;
    }
    long size = Bytes.u32le(data, 14);
    return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108
        || size == 124;
  }

  private static boolean startsWith(byte[] data, int offset, String ascii) {
    if (data.length < offset + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (data[offset + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] data, int offset, byte... prefix) {
    if (data.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
