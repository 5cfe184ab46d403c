package io.humanseg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.humanseg.image.AlphaMask;
import org.junit.jupiter.api.Test;

class MaskMetricsTest {
  /** A w x h mask with the columns [from, to) set to value. */
  private static AlphaMask columns(int w, int h, int from, int to, int value) {
    byte[] a = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = from; x < to; x++) {
        a[y * w + x] = (byte) value;
      }
    }
    return new AlphaMask(w, h, a);
  }

  @Test
  void identicalMasksScorePerfectly() {
    AlphaMask m = columns(40, 30, 10, 20, 255);
    MaskMetrics r = MaskMetrics.of(m, m);
    assertEquals(1.0, r.iou(), 1e-12);
    assertEquals(0.0, r.mae(), 1e-12);
    assertEquals(1.0, r.boundaryIou(), 1e-12);
  }

  @Test
  void shiftedMaskHasTheExpectedIouMaeAndBandIou() {
    int w = 100;
    int h = 10;
    AlphaMask truth = columns(w, h, 30, 70, 255); // 40 columns
    AlphaMask predicted = columns(w, h, 40, 80, 255); // shifted right by 10
    MaskMetrics r = MaskMetrics.of(predicted, truth);
    assertEquals(30.0 / 50.0, r.iou(), 1e-12);
    assertEquals(20.0 / 100.0, r.mae(), 1e-12); // 20 of 100 columns differ by 1
    // Band: columns within 10 px of the truth's edges (between x=29.5 and x=69.5):
    // person side 30..39 and 60..69; background side 20..29 and 70..79.
    // truth in band = 30..39, 60..69 (20 cols); predicted in band = 60..69, 70..79 (20 cols); inter 10, union 30.
    assertEquals(10.0 / 30.0, r.boundaryIou(), 1e-12);
  }

  @Test
  void thresholdsFollowTheDefinitions() {
    // Prediction 127 is background (alpha < 0.5), 128 is person; truth 128 is person.
    AlphaMask truth = columns(4, 1, 0, 4, 128);
    assertEquals(0.0, MaskMetrics.of(columns(4, 1, 0, 4, 127), truth).iou(), 1e-12);
    assertEquals(1.0, MaskMetrics.of(columns(4, 1, 0, 4, 128), truth).iou(), 1e-12);
    assertEquals(1 / 255.0, MaskMetrics.of(columns(4, 1, 0, 4, 127), truth).mae(), 1e-12);
  }

  @Test
  void sizesMustMatch() {
    assertThrows(IllegalArgumentException.class,
        () -> MaskMetrics.of(columns(4, 4, 0, 1, 255), columns(4, 5, 0, 1, 255)));
  }
}
