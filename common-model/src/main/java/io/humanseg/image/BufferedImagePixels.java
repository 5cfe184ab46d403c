package io.humanseg.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns what an ImageIO reader returned into 8-bit interleaved pixels. The usual case (3-byte BGR or RGB from a
 * JPEG) hands over the raster's own array without a copy; other layouts are converted row by row from their
 * samples.
 *
 * <p>Alpha is dropped, never composited: the colour values under transparent pixels are kept as stored. Samples
 * are taken as they are, whatever colour space the image is tagged with, as OpenCV takes them, so both backends
 * give the same values for the same file.
 */
final class BufferedImagePixels {
  private BufferedImagePixels() {}

  static StoredPixels of(BufferedImage image) {
    StoredPixels packed = packed(image);
    if (packed != null) {
      return packed;
    }
    ColorModel model = image.getColorModel();
    if (model instanceof IndexColorModel palette) {
      return fromPalette(image.getRaster(), palette);
    }
    int colorType = model.getColorSpace().getType();
    if (model instanceof ComponentColorModel
        && (colorType == ColorSpace.TYPE_RGB || colorType == ColorSpace.TYPE_GRAY)
        && maxSampleSize(image.getRaster()) >= 8 && maxSampleSize(image.getRaster()) <= 16) {
      return fromSamples(image.getRaster(), colorType == ColorSpace.TYPE_GRAY);
    }
    return fromArgb(image);
  }

  /**
   * The raster's array itself when it is exactly width x height x 3 bytes in BGR (the JDK's TYPE_3BYTE_BGR) or RGB
   * order (the JPEG reader's destination in an embedded profile's colour space), with no offsets or padding.
   */
  private static StoredPixels packed(BufferedImage image) {
    Raster raster = image.getRaster();
    if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || !(raster.getSampleModel() instanceof ComponentSampleModel layout)
        || raster.getParent() != null || raster.getNumBands() != 3 || buffer.getNumBanks() != 1
        || buffer.getOffset() != 0 || layout.getPixelStride() != 3
        || layout.getScanlineStride() != 3 * raster.getWidth()
        || buffer.getData().length != 3 * raster.getWidth() * raster.getHeight()
        || image.getColorModel().getColorSpace().getType() != ColorSpace.TYPE_RGB) {
      return null;
    }
    int[] offsets = layout.getBandOffsets();
    boolean bgr = offsets[0] == 2 && offsets[1] == 1 && offsets[2] == 0;
    boolean rgb = offsets[0] == 0 && offsets[1] == 1 && offsets[2] == 2;
    if (!bgr && !rgb) {
      return null;
    }
    return new StoredPixels(raster.getWidth(), raster.getHeight(), buffer.getData(), bgr);
  }

  private static StoredPixels fromPalette(Raster raster, IndexColorModel palette) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int size = palette.getMapSize();
    byte[] r = new byte[256];
    byte[] g = new byte[256];
    byte[] b = new byte[256];
    palette.getReds(r);
    palette.getGreens(g);
    palette.getBlues(b);
    byte[] out = new byte[3 * w * h];
    int[] row = new int[w];
    for (int y = 0, o = 0; y < h; y++) {
      raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
      for (int x = 0; x < w; x++, o += 3) {
        int i = row[x] < size ? row[x] : 0;
        out[o] = r[i];
        out[o + 1] = g[i];
        out[o + 2] = b[i];
      }
    }
    return new StoredPixels(w, h, out, false);
  }

  /** Raw samples, high byte of 16-bit ones; grey is replicated. Avoids getRGB, which treats grey as linear. */
  private static StoredPixels fromSamples(Raster raster, boolean grey) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bands = raster.getNumBands();
    int shift = maxSampleSize(raster) - 8;
    byte[] out = new byte[3 * w * h];
    int[] row = new int[w * bands];
    for (int y = 0, o = 0; y < h; y++) {
      raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
      for (int x = 0, s = 0; x < w; x++, o += 3, s += bands) {
        if (grey) {
          byte v = (byte) (row[s] >> shift);
          out[o] = v;
          out[o + 1] = v;
          out[o + 2] = v;
        } else {
          out[o] = (byte) (row[s] >> shift);
          out[o + 1] = (byte) (row[s + 1] >> shift);
          out[o + 2] = (byte) (row[s + 2] >> shift);
        }
      }
    }
    return new StoredPixels(w, h, out, false);
  }

  /** Anything else (packed int pixels, converted CMYK): let the colour model say what sRGB each pixel is. */
  private static StoredPixels fromArgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[3 * w * h];
    int[] row = new int[w];
    for (int y = 0, o = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++, o += 3) {
        int argb = row[x];
        out[o] = (byte) (argb >> 16);
        out[o + 1] = (byte) (argb >> 8);
        out[o + 2] = (byte) argb;
      }
    }
    return new StoredPixels(w, h, out, false);
  }

  private static int maxSampleSize(Raster raster) {
    int max = 0;
    for (int size : raster.getSampleModel().getSampleSize()) {
      max = Math.max(max, size);
    }
    return max;
  }
}
