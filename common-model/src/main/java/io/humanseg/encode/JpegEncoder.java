package io.humanseg.encode;

import io.humanseg.image.RgbImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Baseline JPEG through the JDK's ImageIO writer (native libjpeg). Chosen over OpenCV's imencode, whose bundled
 * libjpeg-turbo is built without SIMD in the openpnp jar: about the same bytes, 2 times slower. The image's array is
 * wrapped, not copied. Thread-safe: each call takes its own writer, as ImageIO writers are not.
 */
public final class JpegEncoder {
  public static final int DEFAULT_QUALITY = 90;

  private static final ComponentColorModel RGB = new ComponentColorModel(
      ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);

  private JpegEncoder() {}

  /** @param quality 1..100 */
  public static byte[] encode(RgbImage image, int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality " + quality + " outside 1..100");
    }
    int w = image.width();
    WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(image.rgb(), image.rgb().length), w,
        image.height(), 3 * w, 3, new int[] {0, 1, 2}, null);
    BufferedImage buffered = new BufferedImage(RGB, raster, false, null);
    ImageWriter writer = jdkWriter();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(3 * w * image.height() / 10 + 4096);
      try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(buffered, null, null), param);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
  }

  /**
   * The JDK's own writer when present: TwelveMonkeys registers a JPEG writer too, which only delegates to it.
   */
  private static ImageWriter jdkWriter() {
    ImageWriter first = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.imageio.")) {
        if (first != null) {
          first.dispose();
        }
        return w;
      }
      if (first == null) {
        first = w;
      } else {
        w.dispose();
      }
    }
    if (first == null) {
      throw new IllegalStateException("no JPEG writer registered with ImageIO");
    }
    return first;
  }
}
