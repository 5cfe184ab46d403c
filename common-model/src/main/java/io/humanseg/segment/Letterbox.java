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

  /** The part of a full-input map that covers {@code target}. */
  static ProbabilityMap content(ProbabilityMap map, Region target, int inputWidth, int inputHeight) {
    float[] out = new float[target.width() * target.height()];
    for (int y = 0; y < target.height(); y++) {
      System.arraycopy(map.values(), (target.y() + y) * inputWidth + target.x(), out, y * target.width(), target.width());
    }
    return new ProbabilityMap(target.width(), target.height(), out);
  }
}
