package io.humanseg.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class SubjectCropTest {
  private static final int W = 100;
  private static final int H = 50;

  /** Person at columns 10-19, rows 5-24 (alpha 200), with a faint 127 halo column at x=20 that is not person. */
  private static AlphaMask block() {
    byte[] a = new byte[W * H];
    for (int y = 5; y < 25; y++) {
      for (int x = 10; x < 20; x++) {
        a[y * W + x] = (byte) 200;
      }
      a[y * W + 20] = 127;
    }
    a[30 * W + 60] = (byte) 128; // one lone pixel exactly at the threshold counts
    return new AlphaMask(W, H, a);
  }

  @Test
  void statsFindTheBoxAndFractionInOnePass() {
    ForegroundStats stats = ForegroundStats.of(block());
    assertTrue(stats.personFound());
    assertEquals(new BoundingBox(10, 5, 51, 26), stats.box());
    assertEquals(201, stats.foregroundPixels());
    assertEquals(201.0 / (W * H), stats.foregroundFraction(), 1e-12);

    ForegroundStats strict = ForegroundStats.of(block(), 129);
    assertEquals(new BoundingBox(10, 5, 10, 20), strict.box());
    assertEquals(200, strict.foregroundPixels());
    ForegroundStats lax = ForegroundStats.of(block(), 127);
    assertEquals(new BoundingBox(10, 5, 51, 26), lax.box());
    assertEquals(221, lax.foregroundPixels());
  }

  @Test
  void emptyMaskHasNoPersonNoBoxAndZeroFraction() {
    ForegroundStats stats = ForegroundStats.of(AlphaMask.empty(W, H));
    assertFalse(stats.personFound());
    assertNull(stats.box());
    assertEquals(0.0, stats.foregroundFraction());
    assertEquals(new BoundingBox(0, 0, W, H), SubjectCrop.fraction(0.2).region(stats));
  }

  @Test
  void marginGrowsTheBoxAndIsClampedToTheImage() {
    ForegroundStats stats = ForegroundStats.of(block(), 129); // box 10,5 10x20
    assertEquals(new BoundingBox(10, 5, 10, 20), SubjectCrop.fraction(0).region(stats));
    // 10% of 10x20 = 1 and 2 px.
    assertEquals(new BoundingBox(9, 3, 12, 24), SubjectCrop.fraction(0.1).region(stats));
    // 50%: 5 and 10 px; top clamps at 0.
    assertEquals(new BoundingBox(5, 0, 20, 35), SubjectCrop.fraction(0.5).region(stats));
    // 30 px each side: clamps left, top and bottom.
    assertEquals(new BoundingBox(0, 0, 50, 50), SubjectCrop.pixels(30).region(stats));
    // Both together: 1 + 4 and 2 + 4.
    assertEquals(new BoundingBox(5, 0, 20, 31), new SubjectCrop(0.1, 4).region(stats));
    // A huge margin is the whole image.
    assertEquals(new BoundingBox(0, 0, W, H), SubjectCrop.fraction(100).region(stats));
  }

  @Test
  void everyOutputKindIsCropped() {
    AlphaMask mask = block();
    RgbImage photo = Images.noise(W, H, 3);
    SubjectCrop crop = SubjectCrop.pixels(2);
    ResultEncoder encoder = new ResultEncoder();
    EncodeOptions strict = EncodeOptions.alpha().withThreshold(129).withCrop(crop);
    BoundingBox region = new BoundingBox(8, 3, 14, 24);

    EncodedResult alpha = encoder.encode(photo, mask, strict);
    assertEquals(region, alpha.region());
    BufferedImage grey = Images.decode(alpha.bytes());
    assertEquals(14, grey.getWidth());
    assertEquals(24, grey.getHeight());
    assertArrayEquals(SubjectCrop.crop(mask, region).alpha(), Images.grey(grey));
    assertEquals(200, grey.getRaster().getSample(2, 2, 0)); // (10, 5) in the photo
    assertEquals(127, grey.getRaster().getSample(12, 2, 0)); // the halo column x=20
    assertEquals(0, grey.getRaster().getSample(0, 0, 0));

    EncodedResult rgba = encoder.encode(photo, mask, EncodeOptions.rgba().withThreshold(129).withCrop(crop));
    BufferedImage cut = Images.decode(rgba.bytes());
    assertEquals(14, cut.getWidth());
    assertEquals(24, cut.getHeight());
    int[] px = cut.getRaster().getPixel(2, 2, (int[]) null);
    int src = 3 * (5 * W + 10);
    assertArrayEquals(new int[] {photo.rgb()[src] & 0xff, photo.rgb()[src + 1] & 0xff, photo.rgb()[src + 2] & 0xff,
        200}, px);

    EncodedResult composite = encoder.encode(photo, mask, EncodeOptions.composite(new Background.Color(0, 0, 0),
        OutputFormat.PNG).withThreshold(129).withCrop(crop));
    BufferedImage comp = Images.decode(composite.bytes());
    assertEquals(14, comp.getWidth());
    assertEquals(24, comp.getHeight());
    assertArrayEquals(new int[] {0, 0, 0}, Images.rgbAt(comp, 0, 0));
  }

  @Test
  void cropOfAnEmptyMaskKeepsTheWholeImage() {
    EncodedResult r = new ResultEncoder().encode(Images.noise(W, H, 1), AlphaMask.empty(W, H),
        EncodeOptions.rgba().withCrop(SubjectCrop.fraction(0.1)));
    assertEquals(W, r.width());
    assertEquals(H, r.height());
    assertFalse(r.stats().personFound());
    BufferedImage read = Images.decode(r.bytes());
    assertEquals(W, read.getWidth());
    assertEquals(0, Images.alphaAt(read, 50, 25));
  }
}
