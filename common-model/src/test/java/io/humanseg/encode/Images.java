package io.humanseg.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;
import io.humanseg.image.SharedPhotos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** Test images and decoding helpers. */
final class Images {
  private Images() {}

  static BufferedImage decode(byte[] file) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
      assertNotNull(image, "ImageIO could not read the file");
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PNG's bit depth and colour type, read from IHDR. */
  static int[] pngDepthAndColourType(byte[] png) {
    assertEquals('I', png[12]);
    assertEquals('R', png[15]);
    return new int[] {png[24], png[25]};
  }

  /** Every pixel of a grey image. */
  static byte[] grey(BufferedImage image) {
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
    byte[] out = new byte[image.getWidth() * image.getHeight()];
    image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), out);
    return out;
  }

  /** The file as OpenCV decodes it, unchanged (grey stays 1 channel, BGRA stays 4), as bytes. */
  static byte[] opencv(byte[] file, int expectedChannels) {
    OpenCv.load();
    Mat mat = Imgcodecs.imdecode(new MatOfByte(file), Imgcodecs.IMREAD_UNCHANGED);
    try {
      assertEquals(expectedChannels, mat.channels());
      byte[] out = new byte[(int) (mat.total() * mat.channels())];
      mat.get(0, 0, out);
      return out;
    } finally {
      mat.release();
    }
  }

  static int[] rgbAt(BufferedImage image, int x, int y) {
    int v = image.getRGB(x, y);
    return new int[] {(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
  }

  static int alphaAt(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) >>> 24;
  }

  static RgbImage noise(int width, int height, long seed) {
    byte[] rgb = new byte[3 * width * height];
    new Random(seed).nextBytes(rgb);
    return new RgbImage(width, height, rgb);
  }

  static RgbImage solid(int width, int height, int r, int g, int b) {
    byte[] rgb = new byte[3 * width * height];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) r;
      rgb[i + 1] = (byte) g;
      rgb[i + 2] = (byte) b;
    }
    return new RgbImage(width, height, rgb);
  }

  /** A soft ellipse like an upsampled model output: 255 inside, a ramp of {@code edge} px, 0 outside. */
  static AlphaMask ellipse(int width, int height, double edge) {
    byte[] a = new byte[width * height];
    double cx = width / 2.0;
    double cy = height * 0.6;
    double rx = width * 0.25;
    double ry = height * 0.45;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double dx = (x + 0.5 - cx) / rx;
        double dy = (y + 0.5 - cy) / ry;
        double d = (Math.sqrt(dx * dx + dy * dy) - 1) * Math.min(rx, ry); // about px outside the edge
        double v = edge <= 0 ? (d <= 0 ? 1 : 0) : Math.max(0, Math.min(1, 0.5 - d / edge));
        a[y * width + x] = (byte) Math.round(v * 255);
      }
    }
    return new AlphaMask(width, height, a);
  }

  /** The shared evaluation data folder; fails when it is missing (see {@link SharedPhotos#evaldata()}). */
  static Path sharedEvaldata() {
    return SharedPhotos.evaldata();
  }
}
