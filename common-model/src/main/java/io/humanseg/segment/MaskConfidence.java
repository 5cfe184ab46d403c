package io.humanseg.segment;

/**
 * How far to trust a mask, without ground truth: the IoU the model itself expects of its mask. Reading each
 * pixel's probability p as the chance that it is person, the mask (p >= 0.5) expects to share
 * {@code sum(p over the mask)} pixels with the truth, and the union expects the mask's pixels plus
 * {@code sum(p outside it)}; the confidence is their ratio, in [0, 1]:
 *
 * <pre>    confidence = sum(p, p >= 0.5) / (count(p >= 0.5) + sum(p, p < 0.5))</pre>
 *
 * <p>A crisp map (probabilities near 0 and 1) scores near 1; a wide band of uncertain pixels relative to the
 * foreground's size (a small or blurred person, a faint second figure, a mask the model hesitates over) pulls it
 * down. It has no parameter to tune. Where flip averaging runs, a photo and its mirror that disagree average
 * towards 0.5, so their disagreement counts too. On the dev sets its Spearman correlation with the true IoU is
 * 0.77 (ccp) and 0.78 (vikram) for the built-in model, 0.67 and 0.75 for isnet (QUALITY.md, "Confidence");
 * scaling it by the agreement between the two passes, or by the share of the foreground outside its largest blob,
 * lowered that.
 *
 * <p>Computed on the model's maps at their own resolution (65,536 values for the built-in model, a million for a
 * 1024 px model): microseconds to a few milliseconds, nothing beside inference. The second pass's map stands
 * for the crop it covers and the first pass's for the rest, each pixel weighted by the working-image area it
 * covers (the cross-fade at the crop's edges is left out).
 */
public final class MaskConfidence {
  private MaskConfidence() {}

  /**
   * @param first the first pass's map over the whole working image
   * @param second the second pass's map over {@code crop}, or null
   * @param crop where the second map lies in the working image; ignored without a second map
   * @param workWidth width of the working image
   * @param workHeight height of the working image
   */
  public static double of(ProbabilityMap first, ProbabilityMap second, Region crop, int workWidth,
      int workHeight) {
    Sums firstSums = new Sums();
    int fw = first.width();
    int fh = first.height();
    // First-map columns and rows whose centres lie in the crop: there the second map speaks.
    int cx0 = 0;
    int cx1 = 0;
    int cy0 = 0;
    int cy1 = 0;
    if (second != null) {
      cx0 = firstCentreAtOrAfter(crop.x(), fw, workWidth);
      cx1 = firstCentreAtOrAfter(crop.x() + crop.width(), fw, workWidth);
      cy0 = firstCentreAtOrAfter(crop.y(), fh, workHeight);
      cy1 = firstCentreAtOrAfter(crop.y() + crop.height(), fh, workHeight);
    }
    float[] p = first.values();
    for (int y = 0; y < fh; y++) {
      int row = y * fw;
      if (y >= cy0 && y < cy1) {
        firstSums.add(p, row, row + cx0);
        firstSums.add(p, row + cx1, row + fw);
      } else {
        firstSums.add(p, row, row + fw);
      }
    }
    if (second == null) {
      return firstSums.expectedIou(1, null, 0);
    }
    Sums secondSums = new Sums();
    secondSums.add(second.values(), 0, second.values().length);
    double firstPixel = (double) workWidth * workHeight / p.length;
    double secondPixel = (double) crop.area() / second.values().length;
    return firstSums.expectedIou(firstPixel, secondSums, secondPixel);
  }

  /** The first map index whose pixel centre lies at or after working coordinate {@code w}. */
  private static int firstCentreAtOrAfter(int w, int mapLength, int workLength) {
    // centre of map pixel i, in working pixels: (i + 0.5) * workLength / mapLength >= w
    int i = (int) Math.ceil((double) w * mapLength / workLength - 0.5);
    return Math.max(0, Math.min(mapLength, i));
  }

  /** Sums over the pixels of one map. */
  private static final class Sums {
    /** Pixels at or above the person threshold, and their probabilities' sum. */
    private long mask;
    private double inside;
    /** The probabilities' sum below the threshold. */
    private double outside;

    void add(float[] p, int from, int to) {
      for (int i = from; i < to; i++) {
        float v = p[i];
        if (v >= Segmenter.PERSON) {
          mask++;
          inside += v;
        } else {
          outside += v;
        }
      }
    }

    /** The expected IoU of these sums weighted by {@code weight}, plus {@code other}'s by {@code otherWeight}. */
    double expectedIou(double weight, Sums other, double otherWeight) {
      double intersection = inside * weight + (other == null ? 0 : other.inside * otherWeight);
      double union = (mask + outside) * weight + (other == null ? 0 : (other.mask + other.outside) * otherWeight);
      double iou = union <= 0 ? 0 : intersection / union;
      return iou > 0 ? Math.min(1, iou) : 0; // NaN (a model output with NaN in it) counts as no confidence

    }
  }
}
