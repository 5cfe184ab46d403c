package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leptonica's JPEG reader gives OpenCV's pixels, byte for byte, at every DCT scale: on every evaluation JPEG, and
 * on grey and progressive files; damaged scans are refused instead of decoded with grey filling.
 */
class LeptonicaJpegDecoderTest {
  private static final int[] SCALES = {1, 2, 4, 8};
  private final PixelDecoder leptonica = new LeptonicaJpegDecoder();
  private final PixelDecoder openCv = new OpenCvDecoder();

  @BeforeAll
  static void nativesLoad() {
    String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
    assertTrue(LeptonicaJpegDecoder.available(), "Leptonica's natives did not load on " + platform
        + " (they ship for linux-x86_64 and linux-arm64; elsewhere ImageDecoder falls back to OpenCV)");
  }

  @Test
  void evaluationJpegsDecodeToOpenCvsPixelsAtEveryScale() throws IOException {
    List<String> differ = new ArrayList<>();
    int jpegs = 0;
    for (Path photo : SharedPhotos.photos(Integer.MAX_VALUE)) {
      byte[] data = Files.readAllBytes(photo);
      ImageHeader header = HeaderReader.read(data);
      if (header.format() != ImageFormat.JPEG) {
        continue;
      }
      jpegs++;
      for (int scale : SCALES) {
        if (!samePixels(data, header, scale)) {
          differ.add(photo.getFileName() + " at 1/" + scale);
        }
      }
    }
    assertTrue(jpegs >= 90, "found " + jpegs + " evaluation JPEGs");
    assertEquals(List.of(), differ, "decoded differently from OpenCV");
  }

  @Test
  void greyAndProgressiveJpegsDecodeToOpenCvsPixels() {
    byte[] grey = TestImages.jpeg(TestImages.grey(203, 101, false));
    byte[] progressive = TestImages.jpeg(TestImages.gradient(203, 101), true);
    for (int scale : SCALES) {
      assertTrue(samePixels(grey, HeaderReader.read(grey), scale), "grey at 1/" + scale);
      assertTrue(samePixels(progressive, HeaderReader.read(progressive), scale), "progressive at 1/" + scale);
    }
    StoredPixels g = leptonica.decode(grey, HeaderReader.read(grey), 1);
    byte[] px = g.pixels();
    for (int i = 0; i < px.length; i += 3) {
      assertTrue(px[i] == px[i + 1] && px[i] == px[i + 2], "a grey pixel has three equal channels, at " + i / 3);
    }
  }

  @Test
  void damagedScanIsRefused() {
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(320, 240));
    // An end-of-image marker halfway through the scan: libjpeg warns of a premature end and fills the rest grey.
    byte[] damaged = jpeg.clone();
    int middle = damaged.length / 2;
    damaged[middle] = (byte) 0xFF;
    damaged[middle + 1] = (byte) 0xD9;
    ImageException e = assertThrows(ImageException.class,
        () -> leptonica.decode(damaged, HeaderReader.read(damaged), 1));
    assertEquals(ImageErrorCode.CORRUPT_IMAGE, e.code());
  }

  private boolean samePixels(byte[] data, ImageHeader header, int scale) {
    StoredPixels a = leptonica.decode(data, header, scale);
    StoredPixels b = openCv.decode(data, header, scale);
    assertEquals(b.width(), a.width());
    assertEquals(b.height(), a.height());
    assertEquals(b.bgr(), a.bgr());
    return Arrays.equals(a.pixels(), b.pixels());
  }
}
