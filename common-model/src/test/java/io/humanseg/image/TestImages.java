package io.humanseg.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** Builds real encoded test images in memory (nothing binary is committed), plus byte-level surgery on them. */
final class TestImages {
  /** Quadrant colours of {@link #quadrants}: top-left, top-right, bottom-left, bottom-right. */
  static final int[][] QUADRANT_RGB = {{220, 30, 30}, {30, 200, 30}, {30, 30, 220}, {230, 230, 40}};

  private TestImages() {}

  /** An asymmetric picture: four flat quadrants of distinct colours, so every orientation looks different. */
  static BufferedImage quadrants(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] c = QUADRANT_RGB[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
        image.setRGB(x, y, 0xff000000 | c[0] << 16 | c[1] << 8 | c[2]);
      }
    }
    return image;
  }

  static BufferedImage quadrants(int width, int height) {
    return quadrants(width, height, BufferedImage.TYPE_3BYTE_BGR);
  }

  /** A smooth, detailed picture (gradients and rings) for scaling and backend comparisons. */
  static BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = 255 * x / width;
        int g = 255 * y / height;
        double d = Math.hypot(x - width / 2.0, y - height / 2.0);
        int b = (int) (127.5 + 127.5 * Math.sin(d / 9.0));
        image.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return image;
  }

  static byte[] jpeg(BufferedImage image, boolean progressive) {
    return write(image, "jpeg", param -> {
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
    });
  }

  static byte[] jpeg(BufferedImage image) {
    return jpeg(image, false);
  }

  static byte[] png(BufferedImage image) {
    return write(image, "png", null);
  }

  static byte[] bmp(BufferedImage image) {
    return write(image, "bmp", null);
  }

  static byte[] gif(BufferedImage image) {
    return write(image, "gif", null);
  }

  static byte[] openCv(Mat image, String extension, int... params) {
    MatOfByte out = new MatOfByte();
    if (!Imgcodecs.imencode(extension, image, out, new MatOfInt(params))) {
      throw new IllegalStateException("OpenCV cannot write " + extension);
    }
    return out.toArray();
  }

  /** BGR Mat of a BufferedImage, for OpenCV's encoders (WebP has no ImageIO writer). */
  static Mat toMat(BufferedImage image) {
    OpenCvDecoder.ensureLoaded();
    Mat mat = new Mat(image.getHeight(), image.getWidth(), org.opencv.core.CvType.CV_8UC3);
    byte[] bgr = new byte[3 * image.getWidth() * image.getHeight()];
    for (int y = 0, o = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++, o += 3) {
        int rgb = image.getRGB(x, y);
        bgr[o] = (byte) rgb;
        bgr[o + 1] = (byte) (rgb >> 8);
        bgr[o + 2] = (byte) (rgb >> 16);
      }
    }
    mat.put(0, 0, bgr);
    return mat;
  }

  static byte[] webp(BufferedImage image, boolean lossless) {
    return openCv(toMat(image), ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, lossless ? 101 : 95);
  }

  /** An 8-bit palette image with the quadrant colours; index 4 is fully transparent when {@code alpha}. */
  static BufferedImage palette(int width, int height, boolean alpha) {
    // A full 256-entry palette: given a short one, the JDK's BMP writer packs to 4 bits and scrambles pixels.
    byte[] r = new byte[256];
    byte[] g = new byte[256];
    byte[] b = new byte[256];
    byte[] a = new byte[256];
    java.util.Arrays.fill(a, (byte) 255);
    a[4] = 0;
    for (int i = 0; i < 4; i++) {
      r[i] = (byte) QUADRANT_RGB[i][0];
      g[i] = (byte) QUADRANT_RGB[i][1];
      b[i] = (byte) QUADRANT_RGB[i][2];
    }
    IndexColorModel model = alpha ? new IndexColorModel(8, 256, r, g, b, a) : new IndexColorModel(8, 256, r, g, b);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1));
      }
    }
    return image;
  }

  /** Grey ramp, left to right, in 8 or 16 bits. */
  static BufferedImage grey(int width, int height, boolean sixteenBit) {
    BufferedImage image = new BufferedImage(width, height,
        sixteenBit ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = 255 * x / (width - 1);
        raster.setSample(x, y, 0, sixteenBit ? v * 257 : v);
      }
    }
    return image;
  }

  /** 16 bits per channel RGB with the quadrant colours (each 8-bit value times 257). */
  static BufferedImage rgb16(int width, int height) {
    java.awt.color.ColorSpace srgb = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
    java.awt.image.ComponentColorModel model = new java.awt.image.ComponentColorModel(srgb, false, false,
        java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] c = QUADRANT_RGB[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
        raster.setPixel(x, y, new int[] {c[0] * 257, c[1] * 257, c[2] * 257});
      }
    }
    return new BufferedImage(model, raster, false, null);
  }

  /**
   * A CMYK JPEG with an Adobe APP14 marker: transform 0 stores CMYK, 2 stores YCCK. Values are inverted (255 = no
   * ink), as Photoshop writes them. Inks per quadrant: cyan, magenta, yellow, black.
   */
  static byte[] cmykJpeg(int width, int height, boolean ycck) {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    int[][] inks = {{255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}};
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] ink = inks[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
        int[] stored = new int[4];
        if (ycck) {
          // YCCK is YCbCr of the (inverted) CMY taken as RGB; decoders invert it back to CMY.
          int r = ink[0];
          int g = ink[1];
          int b = ink[2];
          stored[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
          stored[1] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
          stored[2] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        } else {
          stored[0] = 255 - ink[0];
          stored[1] = 255 - ink[1];
          stored[2] = 255 - ink[2];
        }
        stored[3] = 255 - ink[3];
        raster.setPixel(x, y, stored);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageWriter writer = jdkWriter("jpeg");
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      writer.write(null, new IIOImage(raster, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    // The JDK writes a raw 4-component frame with no marker saying what the components are; add Adobe's.
    ByteBuffer app14 = ByteBuffer.allocate(16);
    app14.put((byte) 0xff).put((byte) 0xee).putShort((short) 14).put("Adobe".getBytes(StandardCharsets.US_ASCII))
        .putShort((short) 100).putShort((short) 0).putShort((short) 0).put((byte) (ycck ? 2 : 0));
    return insertAfterSoi(bytes.toByteArray(), app14.array());
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  /** A TIFF block (as in an EXIF APP1) with one IFD holding the orientation tag. */
  static byte[] exifTiff(int orientation, ByteOrder order) {
    ByteBuffer tiff = ByteBuffer.allocate(26).order(order);
    tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    tiff.putShort((short) 42).putInt(8);
    tiff.putShort((short) 1);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0);
    return tiff.array();
  }

  /** The JPEG with an APP1 Exif segment carrying {@code tiff}, placed after SOI and any JFIF APP0. */
  static byte[] withExif(byte[] jpeg, byte[] tiff) {
    ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length);
    app1.put((byte) 0xff).put((byte) 0xe1).putShort((short) (2 + 6 + tiff.length));
    app1.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(tiff);
    return insertAfterSoi(jpeg, app1.array());
  }

  /** The JPEG with an APP2 ICC_PROFILE segment (one chunk) carrying {@code profile}. */
  static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
    ByteBuffer app2 = ByteBuffer.allocate(4 + 14 + profile.length);
    app2.put((byte) 0xff).put((byte) 0xe2).putShort((short) (2 + 14 + profile.length));
    app2.put("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1).put(profile);
    return insertAfterSoi(jpeg, app2.array());
  }

  static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
    int at = 2;
    if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
      at = 4 + ((jpeg[4] & 0xff) << 8 | jpeg[5] & 0xff);
    }
    return splice(jpeg, at, segment);
  }

  static byte[] splice(byte[] data, int at, byte[] insert) {
    byte[] out = new byte[data.length + insert.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(data, at, out, at + insert.length, data.length - at);
    return out;
  }

  /** A PNG chunk with its length and CRC. */
  static byte[] pngChunk(String type, byte[] data) {
    ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
    chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
    CRC32 crc = new CRC32();
    crc.update(chunk.array(), 4, 4 + data.length);
    chunk.putInt((int) crc.getValue());
    return chunk.array();
  }

  /** The PNG with an eXIf chunk inserted right after IHDR. */
  static byte[] pngWithExif(byte[] png, byte[] tiff) {
    return splice(png, 8 + 12 + 13, pngChunk("eXIf", tiff));
  }

  /** A minimal PNG whose IHDR claims {@code width x height} (8-bit RGB), with a token IDAT and IEND. */
  static byte[] pngClaiming(long width, long height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
        .put((byte) 0);
    byte[] idat = {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    out.writeBytes(pngChunk("IHDR", ihdr.array()));
    out.writeBytes(pngChunk("IDAT", idat));
    out.writeBytes(pngChunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /**
   * The WebP re-wrapped in an extended (VP8X) container with an EXIF chunk after the bitstream, where the
   * container format places it.
   */
  static byte[] webpWithExif(byte[] webp, int width, int height, byte[] tiff) {
    int bitstreamLength = webp.length - 12;
    int exifPadded = tiff.length + (tiff.length & 1);
    ByteBuffer out = ByteBuffer.allocate(12 + 18 + bitstreamLength + 8 + exifPadded).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(out.capacity() - 8)
        .put("WEBP".getBytes(StandardCharsets.US_ASCII));
    out.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x08).put(new byte[3]);
    putU24(out, width - 1);
    putU24(out, height - 1);
    out.put(webp, 12, bitstreamLength);
    out.put("EXIF".getBytes(StandardCharsets.US_ASCII)).putInt(tiff.length).put(tiff);
    if ((tiff.length & 1) == 1) {
      out.put((byte) 0);
    }
    return out.array();
  }

  private static void putU24(ByteBuffer out, int value) {
    out.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
  }

  static ImageWriter jdkWriter(String format) {
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
      ImageWriter writer = it.next();
      if (writer.getClass().getName().startsWith("com.sun.")) {
        return writer;
      }
      writer.dispose();
    }
    throw new IllegalStateException("no JDK writer for " + format);
  }

  private interface ParamSetter {
    void set(ImageWriteParam param);
  }

  private static byte[] write(BufferedImage image, String format, ParamSetter setter) {
    ImageWriter writer = jdkWriter(format);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (setter != null) {
        setter.set(param);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Mean absolute difference per channel between two images of the same size. */
  static double meanAbsDiff(RgbImage a, RgbImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException(a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
    }
    long sum = 0;
    for (int i = 0; i < a.rgb().length; i++) {
      sum += Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
    }
    return (double) sum / a.rgb().length;
  }

  static int[] rgbAt(RgbImage image, int x, int y) {
    int i = 3 * (y * image.width() + x);
    return new int[] {image.rgb()[i] & 0xff, image.rgb()[i + 1] & 0xff, image.rgb()[i + 2] & 0xff};
  }

  /** An RgbImage of what ImageIO's getRGB says, for comparisons. */
  static RgbImage fromBufferedImage(BufferedImage image) {
    RgbImage out = RgbImage.blank(image.getWidth(), image.getHeight());
    for (int y = 0, o = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++, o += 3) {
        int rgb = image.getRGB(x, y);
        out.rgb()[o] = (byte) (rgb >> 16);
        out.rgb()[o + 1] = (byte) (rgb >> 8);
        out.rgb()[o + 2] = (byte) rgb;
      }
    }
    return out;
  }
}
