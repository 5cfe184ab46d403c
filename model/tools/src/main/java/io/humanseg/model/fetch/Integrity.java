package io.humanseg.model.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Digests for pinned downloads: npm's SRI sha512 strings, and plain sha256 hex for single files. */
public final class Integrity {
  private Integrity() {}

  /** The SRI string ({@code sha512-<base64>}) of a file. */
  public static String sri512(Path file) throws IOException {
    return "sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", file));
  }

  public static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(messageDigest("SHA-256").digest(data));
  }

  public static String sha256Hex(Path file) throws IOException {
    return HexFormat.of().formatHex(digest("SHA-256", file));
  }

  private static byte[] digest(String algorithm, Path file) throws IOException {
    MessageDigest md = messageDigest(algorithm);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }

  private static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
