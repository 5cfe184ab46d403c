package io.humanseg.segment;

/**
 * Where a person is, from a first-pass probability map: a box of map pixels in image coordinates, and the crop
 * around it that a second pass looks at in more detail ({@link SubjectClusters} finds the boxes).
 */
final class SubjectBox {
  private SubjectBox() {}

  /** Map pixels [left, right) x [top, bottom) as a box in the coordinates of {@code region} of the image. */
  static Region toImage(int left, int top, int right, int bottom, ProbabilityMap map, Region region) {
    double sx = (double) region.width() / map.width();
    double sy = (double) region.height() / map.height();
    int x0 = region.x() + (int) Math.floor(left * sx);
    int y0 = region.y() + (int) Math.floor(top * sy);
    int x1 = region.x() + (int) Math.ceil(right * sx);
    int y1 = region.y() + (int) Math.ceil(bottom * sy);
    return new Region(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
  }

  /**
   * The box grown on each side by {@code margin} of its longer side, moved inside the image and cut to it.
   * Not squared: the model input is filled by stretching, so a tight crop gives the person the most pixels
   * (a square crop scored lower on the dev sets).
   */
  static Region crop(Region box, double margin, int imageWidth, int imageHeight) {
    int grow = (int) Math.ceil(2 * margin * Math.max(box.width(), box.height()));
    int w = Math.min(box.width() + grow, imageWidth);
    int h = Math.min(box.height() + grow, imageHeight);
    int cx = box.x() + box.width() / 2;
    int cy = box.y() + box.height() / 2;
    int x = Math.max(0, Math.min(cx - w / 2, imageWidth - w));
    int y = Math.max(0, Math.min(cy - h / 2, imageHeight - h));
    return new Region(x, y, w, h);
  }
}
