package io.humanseg.server.http;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Photos and hostile files made in memory, so that the API tests need no data folder. */
final class TestImages {
  private TestImages() {}

  /** A figure-like shape on a plain background. */
  static byte[] jpeg(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(40, 120, 200));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(230, 180, 150));
    g.fillOval(width / 3, height / 8, width / 3, height / 3);
    g.fillRect(width / 4, height / 2, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A plain, slightly graded wall with nobody in front of it, as PNG. */
  static byte[] wall(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (90 + x * 40 / width) << 16 | 120 << 8 | 160);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The first half of a JPEG: recognised, but cut off. */
  static byte[] truncated(byte[] jpeg) {
    return Arrays.copyOf(jpeg, jpeg.length / 2);
  }

  /** A PNG header declaring 100000 x 100000 pixels and nothing else: a decompression bomb's calling card. */
  static byte[] bombPng() {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    ByteBuffer png = ByteBuffer.allocate(8 + 12 + 13);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    png.putInt(13).put("IHDR".getBytes()).put(ihdr.array());
    CRC32 crc = new CRC32();
    crc.update("IHDR".getBytes());
    crc.update(ihdr.array());
    png.putInt((int) crc.getValue());
    return png.array();
  }

  /** Width, height, bit depth and colour type from a PNG's IHDR. */
  static int[] pngHeader(byte[] png) {
    ByteBuffer b = ByteBuffer.wrap(png);
    return new int[] {b.getInt(16), b.getInt(20), png[24], png[25]};
  }
}
