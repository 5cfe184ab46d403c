package io.humanseg.encode;

import io.humanseg.image.OpenCvNatives;
import io.humanseg.image.RgbImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Moves pixels between {@link RgbImage} and {@link Mat}.
 */
final class OpenCv {
  private OpenCv() {}

  static void load() {
    OpenCvNatives.load();
  }

  /** A new 3-channel Mat with a copy of the image's bytes (channel order kept: RGB). Release it after use. */
  static Mat mat(RgbImage image) {
    load();
    Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC3);
    mat.put(0, 0, image.rgb());
    return mat;
  }

  /** The pixels of a continuous 3-channel Mat, copied into {@code into} (sized 3 * width * height). */
  static RgbImage rgb(Mat mat, byte[] into) {
    if (mat.type() != CvType.CV_8UC3 || !mat.isContinuous()) {
      throw new IllegalArgumentException("need a continuous 8UC3 Mat, got " + mat);
    }
    mat.get(0, 0, into);
    return new RgbImage(mat.cols(), mat.rows(), into);
  }
}
