package io.humanseg.encode;

import io.humanseg.image.RgbImage;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Scales a picture to cover a width and height like CSS {@code object-fit: cover}: the aspect ratio is kept, the
 * picture is centred, and what sticks out on one axis is cropped. Area averaging when shrinking (no aliasing),
 * bilinear when enlarging.
 */
public final class CoverScale {
  private CoverScale() {}

  /** The centred part of a {@code sourceWidth x sourceHeight} picture that has the target's aspect ratio. */
  public static BoundingBox sourceRegion(int sourceWidth, int sourceHeight, int width, int height) {
    double scale = Math.max((double) width / sourceWidth, (double) height / sourceHeight);
    int w = (int) Math.max(1, Math.min(sourceWidth, Math.round(width / scale)));
    int h = (int) Math.max(1, Math.min(sourceHeight, Math.round(height / scale)));
    return new BoundingBox((sourceWidth - w) / 2, (sourceHeight - h) / 2, w, h);
  }

  public static RgbImage cover(RgbImage source, int width, int height) {
    if (source.width() == width && source.height() == height) {
      return source;
    }
    BoundingBox region = sourceRegion(source.width(), source.height(), width, height);
    Mat src = OpenCv.mat(source);
    Mat out = new Mat();
    try {
      Mat roi = src.submat(region.top(), region.bottom(), region.left(), region.right());
      boolean shrinking = region.width() > width || region.height() > height;
      Imgproc.resize(roi, out, new Size(width, height), 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
      roi.release();
      return OpenCv.rgb(out, new byte[3 * width * height]);
    } finally {
      src.release();
      out.release();
    }
  }
}
