package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.eval.MaskMetrics;
import io.humanseg.image.AlphaMask;
import io.humanseg.testing.SharedData;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A real photo of a person from the evaluation data ({@code ../shared/evaldata/ccp}) and its ground-truth mask,
 * so that the API tests check what the server found, not only that it answered with a PNG: a server that
 * returned an empty or a full mask fails {@link #assertPersonFound}.
 */
final class PersonPhoto {
  /** ccp_0082: one person, full body, 550 px wide; the built-in model scores IoU 0.97 on it (dev set). */
  static final String ID = "ccp_0082";
  /** The least IoU against the ground truth that counts as "the person was found". */
  static final double MIN_IOU = 0.9;

  final byte[] jpeg;
  final AlphaMask truth;

  private PersonPhoto(byte[] jpeg, AlphaMask truth) {
    this.jpeg = jpeg;
    this.truth = truth;
  }

  static PersonPhoto load() {
    Path ccp = SharedData.require("evaldata").resolve("ccp");
    try {
      byte[] jpeg = Files.readAllBytes(ccp.resolve("images").resolve(ID + ".jpg"));
      BufferedImage mask = ImageIO.read(ccp.resolve("masks").resolve(ID + ".png").toFile());
      return new PersonPhoto(jpeg, alpha(mask, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int width() {
    return truth.width();
  }

  int height() {
    return truth.height();
  }

  /** A grey PNG (the mask) or an RGBA PNG (the cut-out, its alpha) at the photo's size, close to the truth. */
  void assertPersonFound(byte[] png) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertNotNull(image, "not a PNG");
    assertEquals(width(), image.getWidth(), "width");
    assertEquals(height(), image.getHeight(), "height");
    int bands = image.getRaster().getNumBands();
    assertTrue(bands == 1 || bands == 4, "a grey mask or an RGBA cut-out, not " + bands + " bands");
    double iou = MaskMetrics.of(alpha(image, bands - 1), truth).iou();
    assertTrue(iou >= MIN_IOU, "IoU against the ground truth of " + ID + ": " + iou + " < " + MIN_IOU);
  }

  /** One band of an 8-bit image as a mask: the grey level, or the alpha of RGBA. */
  private static AlphaMask alpha(BufferedImage image, int band) {
    Raster raster = image.getRaster();
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] a = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        a[y * w + x] = (byte) raster.getSample(x, y, band);
      }
    }
    return new AlphaMask(w, h, a);
  }
}
