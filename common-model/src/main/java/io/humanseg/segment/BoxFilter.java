package io.humanseg.segment;

/** Mean over a (2r+1)^2 window clipped to the image, by running sums: O(pixels) for any radius. */
final class BoxFilter {
  private BoxFilter() {}

  static float[] mean(float[] src, int w, int h, int r) {
    float[] rows = new float[w * h];
    float[] counts = new float[w];
    for (int y = 0; y < h; y++) {
      int base = y * w;
      double sum = 0;
      for (int x = 0; x <= Math.min(r, w - 1); x++) {
        sum += src[base + x];
      }
      for (int x = 0; x < w; x++) {
        rows[base + x] = (float) sum;
        int add = x + r + 1;
        int drop = x - r;
        if (add < w) {
          sum += src[base + add];
        }
        if (drop >= 0) {
          sum -= src[base + drop];
        }
      }
    }
    float[] out = new float[w * h];
    double[] column = new double[w];
    for (int y = 0; y <= Math.min(r, h - 1); y++) {
      for (int x = 0; x < w; x++) {
        column[x] += rows[y * w + x];
      }
    }
    for (int x = 0; x < w; x++) {
      counts[x] = Math.min(w - 1, x + r) - Math.max(0, x - r) + 1;
    }
    for (int y = 0; y < h; y++) {
      float rowsCovered = Math.min(h - 1, y + r) - Math.max(0, y - r) + 1;
      for (int x = 0; x < w; x++) {
        out[y * w + x] = (float) (column[x] / (rowsCovered * counts[x]));
      }
      int add = y + r + 1;
      int drop = y - r;
      for (int x = 0; x < w; x++) {
        if (add < h) {
          column[x] += rows[add * w + x];
        }
        if (drop >= 0) {
          column[x] -= rows[drop * w + x];
        }
      }
    }
    return out;
  }
}
