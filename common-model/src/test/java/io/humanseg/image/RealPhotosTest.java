package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The evaluation photos (real JPEGs, some with EXIF and ICC profiles) decode to the size ImageIO reports and the
 * pixels OpenCV's own imdecode gives (which applies EXIF orientation by itself and, like us, no ICC profile),
 * full and reduced.
 */
class RealPhotosTest {
  private final ImageDecoder decoder = new ImageDecoder();

  @Test
  void evaluationPhotosDecodeLikeReferenceDecoders() throws IOException {
    List<Path> photos = SharedPhotos.photos(Integer.MAX_VALUE);
    assertTrue(photos.size() >= 100, "found " + photos.size() + " photos");
    double worstFull = 0;
    double worstReduced = 0;
    for (Path photo : photos) {
      byte[] data = Files.readAllBytes(photo);
      BufferedImage stored = ImageIO.read(new ByteArrayInputStream(data));
      ImageInfo info = decoder.probe(data);
      assertEquals(stored.getWidth(), info.storedWidth(), photo.toString());
      assertEquals(stored.getHeight(), info.storedHeight(), photo.toString());

      RgbImage full = decoder.decode(data);
      double fullDiff = TestImages.meanAbsDiff(full, openCvReference(data));
      assertTrue(fullDiff < 1.0, photo + " full decode differs from OpenCV's by " + fullDiff);
      worstFull = Math.max(worstFull, fullDiff);

      // The model-input request: at least 256 x 256 on screen, as small as the DCT allows.
      RgbImage reduced = decoder.decode(data, 256, 256);
      assertTrue(reduced.width() >= Math.min(256, info.width()) && reduced.height() >= Math.min(256, info.height()),
          photo + " reduced to " + reduced.width() + "x" + reduced.height());
      int factor = info.width() / reduced.width();
      if (factor > 1 && info.width() % factor == 0 && info.height() % factor == 0) {
        double diff = TestImages.meanAbsDiff(reduced, ReducedDecodeTest.boxDownscale(full, factor));
        assertTrue(diff < 4.0, photo + " at 1/" + factor + " differs from the area average by " + diff);
        worstReduced = Math.max(worstReduced, diff);
      }
    }
    System.out.printf("%d photos: worst mean difference to OpenCV %.3f (full), reduced to area average %.3f%n",
        photos.size(), worstFull, worstReduced);
  }

  /** OpenCV's imdecode with default flags: EXIF orientation applied by OpenCV, BGR turned to RGB here. */
  private static RgbImage openCvReference(byte[] data) {
    OpenCvDecoder.ensureLoaded();
    Mat mat = Imgcodecs.imdecode(new MatOfByte(data), Imgcodecs.IMREAD_COLOR);
    byte[] px = new byte[(int) mat.total() * 3];
    mat.get(0, 0, px);
    for (int i = 0; i < px.length; i += 3) {
      byte b = px[i];
      px[i] = px[i + 2];
      px[i + 2] = b;
    }
    return new RgbImage(mat.cols(), mat.rows(), px);
  }
}
