package io.humanseg.segment;

import java.util.List;

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
   * @param crops second-pass maps over crops of the working image, none overlapping another
   * @param workWidth width of the working image
   * @param workHeight height of the working image
   */
  static double of(ProbabilityMap first, List<MapComposer.Placed> crops, int workWidth, int workHeight) {
    int fw = first.width();
    int fh = first.height();
    // First-map columns [x0, x1) and rows [y0, y1) whose centres lie in each crop: there the crop's map speaks.
    int[][] spans = new int[crops.size()][];
    for (int c = 0; c < spans.length; c++) {
      Region crop = crops.get(c).crop();
      spans[c] = new int[] {
          firstCentreAtOrAfter(crop.x(), fw, workWidth),
          firstCentreAtOrAfter(crop.x() + crop.width(), fw, workWidth),
          firstCentreAtOrAfter(crop.y(), fh, workHeight),
          firstCentreAtOrAfter(crop.y() + crop.height(), fh, workHeight)};
    }
    Sums total = new Sums();
    float[] p = first.values();
    double firstPixel = (double) workWidth * workHeight / p.length;
    int[] cut = new int[2 * spans.length];
    for (int y = 0; y < fh; y++) {
      int row = y * fw;
      int n = 0;
      for (int[] s : spans) {
        if (y >= s[2] && y < s[3] && s[0] < s[1]) {
          cut[n++] = s[0];
          cut[n++] = s[1];
        }
      }
      sortPairs(cut, n);
      int from = 0;
      for (int k = 0; k < n; k += 2) {
        total.add(p, row + from, row + cut[k], firstPixel);
        from = cut[k + 1];
      }
      total.add(p, row + from, row + fw, firstPixel);
    }
    for (MapComposer.Placed placed : crops) {
      float[] q = placed.map().values();
      total.add(q, 0, q.length, (double) placed.crop().area() / q.length);
    }
    return total.expectedIou();
  }

  /** Sorts the (start, end) pairs in {@code cut[0, n)} by start; there are at most a few. */
  private static void sortPairs(int[] cut, int n) {
    for (int i = 2; i < n; i += 2) {
      for (int j = i; j > 0 && cut[j - 2] > cut[j]; j -= 2) {
        int s = cut[j - 2];
        int e = cut[j - 1];
        cut[j - 2] = cut[j];
        cut[j - 1] = cut[j + 1];
        cut[j] = s;
        cut[j + 1] = e;
      }
    }
  }

  /** The first map index whose pixel centre lies at or after working coordinate {@code w}. */
  private static int firstCentreAtOrAfter(int w, int mapLength, int workLength) {
    // centre of map pixel i, in working pixels: (i + 0.5) * workLength / mapLength >= w
    int i = (int) Math.ceil((double) w * mapLength / workLength - 0.5);
    return Math.max(0, Math.min(mapLength, i));
  }

  /** Weighted sums over the pixels of the maps. */
  private static final class Sums {
    /** Pixels at or above the person threshold (weighted by the area each covers), and their probabilities. */
    private double mask;
    private double inside;
    /** The probabilities below the threshold. */
    private double outside;

    /** Adds {@code p[from, to)}, each pixel standing for {@code weight} working pixels. */
    void add(float[] p, int from, int to, double weight) {
      long count = 0;
      double in = 0;
      double out = 0;
      for (int i = from; i < to; i++) {
        float v = p[i];
        if (v >= Segmenter.PERSON) {
          count++;
          in += v;
        } else {
          out += v;
        }
      }
      mask += count * weight;
      inside += in * weight;
      outside += out * weight;
    }

    double expectedIou() {
      double union = mask + outside;
      double iou = union <= 0 ? 0 : inside / union;
      return iou > 0 ? Math.min(1, iou) : 0; // NaN (a model output with NaN in it) counts as no confidence
    }
  }
}
