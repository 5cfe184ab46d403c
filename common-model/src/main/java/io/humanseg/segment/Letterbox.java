package io.humanseg.segment;

/** Fitting a region into the model input with its aspect ratio kept, and reading the content back out. */
final class Letterbox {
  private Letterbox() {}

  /** The centred rectangle of the input that the region fills when scaled to fit. */
  static Region target(Region region, int inputWidth, int inputHeight) {
    double scale = Math.min((double) inputWidth / region.width(), (double) inputHeight / region.height());
    int w = Math.max(1, Math.min(inputWidth, (int) Math.round(region.width() * scale)));
    int h = Math.max(1, Math.min(inputHeight, (int) Math.round(region.height() * scale)));
    return new Region((inputWidth - w) / 2, (inputHeight - h) / 2, w, h);
  }

  /**
   * The part of a full-input map that covers {@code target}. The map may be smaller than the input (models
   * whose output has a stride); the target is then scaled to the map's grid.
   */
  static ProbabilityMap content(ProbabilityMap map, Region target, int inputWidth, int inputHeight) {
    double sx = (double) map.width() / inputWidth;
    double sy = (double) map.height() / inputHeight;
    int x0 = (int) Math.floor(target.x() * sx);
    int y0 = (int) Math.floor(target.y() * sy);
    int w = Math.max(1, Math.min(map.width() - x0, (int) Math.round(target.width() * sx)));
    int h = Math.max(1, Math.min(map.height() - y0, (int) Math.round(target.height() * sy)));
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(map.values(), (y0 + y) * map.width() + x0, out, y * w, w);
    }
    return new ProbabilityMap(w, h, out);
  }
}
