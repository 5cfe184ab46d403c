package io.humanseg.segment;

/**
 * Puts a second-pass map over its crop of the first-pass canvas. Near crop edges that lie inside the image
 * the two are cross-faded, so no seam shows where the second pass stops.
 */
final class CropBlend {
  /** Width of the cross-fade, as a share of the crop's shorter side. */
  private static final double FEATHER = 0.05;

  private CropBlend() {}

  static void paste(ProbabilityMap map, Region crop, float[] canvas, int canvasWidth, int canvasHeight) {
    float[] patch = MapResampler.resize(map.values(), map.width(), map.height(), crop.width(), crop.height());
    int feather = Math.max(1, (int) Math.round(Math.min(crop.width(), crop.height()) * FEATHER));
    boolean left = crop.x() > 0;
    boolean top = crop.y() > 0;
    boolean right = crop.x() + crop.width() < canvasWidth;
    boolean bottom = crop.y() + crop.height() < canvasHeight;
    for (int y = 0; y < crop.height(); y++) {
      float wy = Math.min(ramp(top, y, feather), ramp(bottom, crop.height() - 1 - y, feather));
      int row = (crop.y() + y) * canvasWidth + crop.x();
      for (int x = 0; x < crop.width(); x++) {
        float k = Math.min(wy, Math.min(ramp(left, x, feather), ramp(right, crop.width() - 1 - x, feather)));
        canvas[row + x] = k * patch[y * crop.width() + x] + (1 - k) * canvas[row + x];
      }
    }
  }

  private static float ramp(boolean inside, int distance, int feather) {
    return inside ? Math.min(1f, (distance + 0.5f) / feather) : 1f;
  }
}
