package io.humanseg.segment;

import io.humanseg.image.RgbImage;

/**
 * Edge-aware smoothing of the probability map with the photo as guide (He, Sun and Tang, "Guided Image
 * Filtering", 2013): inside each window the output is a linear function of the guide's brightness, so the
 * mask's edges snap to the photo's edges. Box sums make it O(pixels) whatever the radius.
 */
final class GuidedFilter {
  private GuidedFilter() {}

  /**
   * @param map probabilities at the image's size, replaced by the filtered values
   * @param radius window radius in pixels
   * @param eps regularisation: larger keeps more of the map, smaller follows the photo more
   */
  static void apply(RgbImage guide, float[] map, int radius, float eps) {
    int w = guide.width();
    int h = guide.height();
    int n = w * h;
    float[] g = new float[n];
    byte[] rgb = guide.rgb();
    for (int i = 0; i < n; i++) {
      // Luma in [0, 1]: edges of people show mostly in brightness; one channel keeps it cheap.
      g[i] = (0.299f * (rgb[3 * i] & 0xff) + 0.587f * (rgb[3 * i + 1] & 0xff) + 0.114f * (rgb[3 * i + 2] & 0xff)) / 255f;
    }
    float[] gp = new float[n];
    float[] gg = new float[n];
    for (int i = 0; i < n; i++) {
      gp[i] = g[i] * map[i];
      gg[i] = g[i] * g[i];
    }
    float[] meanG = BoxFilter.mean(g, w, h, radius);
    float[] meanP = BoxFilter.mean(map, w, h, radius);
    float[] meanGp = BoxFilter.mean(gp, w, h, radius);
    float[] meanGg = BoxFilter.mean(gg, w, h, radius);
    float[] a = gp; // reuse the buffers: their inputs are consumed
    float[] b = gg;
    for (int i = 0; i < n; i++) {
      float cov = meanGp[i] - meanG[i] * meanP[i];
      float var = meanGg[i] - meanG[i] * meanG[i];
      a[i] = cov / (var + eps);
      b[i] = meanP[i] - a[i] * meanG[i];
    }
    float[] meanA = BoxFilter.mean(a, w, h, radius);
    float[] meanB = BoxFilter.mean(b, w, h, radius);
    for (int i = 0; i < n; i++) {
      map[i] = Math.min(1f, Math.max(0f, meanA[i] * g[i] + meanB[i]));
    }
  }
}
