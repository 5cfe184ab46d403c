package io.humanseg.eval;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.OpenCvNatives;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Per-image quality, exactly as the evaluation data's README defines it: IoU of alpha >= 0.5 against
 * mask >= 128; mean absolute error of alpha against mask/255; and IoU inside the band of pixels within
 * {@link #BAND} px (Euclidean) of the ground-truth boundary, on both sides.
 */
public record MaskMetrics(double iou, double mae, double boundaryIou) {
  public static final double BAND = 10;

  public static MaskMetrics of(AlphaMask predicted, AlphaMask truth) {
    if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
      throw new IllegalArgumentException(
          "prediction " + predicted.width() + "x" + predicted.height() + " vs truth " + truth.width() + "x"
              + truth.height());
    }
    int n = truth.width() * truth.height();
    byte[] p = predicted.alpha();
    byte[] g = truth.alpha();
    float[] inside = distanceToOther(truth, true);
    float[] outside = distanceToOther(truth, false);
    long inter = 0;
    long union = 0;
    long bandInter = 0;
    long bandUnion = 0;
    double absError = 0;
    for (int i = 0; i < n; i++) {
      int pv = p[i] & 0xff;
      int gv = g[i] & 0xff;
      boolean pp = pv >= 128;
      boolean gp = gv >= 128;
      absError += Math.abs(pv - gv) / 255.0;
      if (pp && gp) {
        inter++;
      }
      if (pp || gp) {
        union++;
      }
      boolean band = gp ? inside[i] <= BAND : outside[i] <= BAND;
      if (band) {
        bandInter += pp && gp ? 1 : 0;
        bandUnion += pp || gp ? 1 : 0;
      }
    }
    return new MaskMetrics(
        union == 0 ? 1.0 : (double) inter / union,
        absError / n,
        bandUnion == 0 ? 1.0 : (double) bandInter / bandUnion);
  }

  /**
   * For each pixel of the chosen side (person when {@code person}), the distance to the nearest pixel of the
   * other side; pixels of the other side get 0.
   */
  private static float[] distanceToOther(AlphaMask truth, boolean person) {
    OpenCvNatives.load();
    int w = truth.width();
    int h = truth.height();
    byte[] side = new byte[w * h];
    for (int i = 0; i < side.length; i++) {
      boolean isPerson = (truth.alpha()[i] & 0xff) >= 128;
      side[i] = (byte) (isPerson == person ? 255 : 0);
    }
    Mat src = new Mat(h, w, CvType.CV_8UC1);
    Mat dist = new Mat();
    try {
      src.put(0, 0, side);
      Imgproc.distanceTransform(src, dist, Imgproc.DIST_L2, Imgproc.DIST_MASK_PRECISE);
      float[] out = new float[w * h];
      dist.get(0, 0, out);
      return out;
    } finally {
      src.release();
      dist.release();
    }
  }
}
