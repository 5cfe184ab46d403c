package io.humanseg.encode;

import io.humanseg.image.RgbImage;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A Gaussian blur whose cost does not grow with the radius: the photo is shrunk by a whole factor with area
 * averaging until the blur left to do is about {@value #MIN_RESIDUAL_SIGMA} px, blurred there, and enlarged
 * bilinearly. A blurred picture has no detail to lose on the way. A whole factor keeps OpenCV on its fast
 * area-resize path; a fractional one was several times slower. Within one grey level on average of a
 * full-size Gaussian (tested); 2-8 times faster than that Gaussian from sigma 10 up, and 1.5-2 times faster
 * than OpenCV's stack blur, at any sigma (JMH: {@code BlurBench} in the model module's benchmarks, see
 * BENCHMARKS.md).
 */
public final class BackgroundBlur {
  /** The smallest blur, in pixels of the reduced picture, that hides the steps of bilinear enlarging. */
  static final double MIN_RESIDUAL_SIGMA = 1.5;

  private BackgroundBlur() {}

  /**
   * @param sigma the Gaussian's standard deviation in pixels of {@code image}
   */
  public static RgbImage blur(RgbImage image, double sigma) {
    int w = image.width();
    int h = image.height();
    int k = (int) Math.max(1, Math.min(Math.floor(sigma / MIN_RESIDUAL_SIGMA), Math.min(w, h) / 2));
    Mat src = OpenCv.mat(image);
    Mat small = new Mat();
    Mat out = new Mat();
    try {
      if (k == 1) {
        Imgproc.GaussianBlur(src, out, new Size(0, 0), sigma);
      } else {
        Imgproc.resize(src, small, new Size(), 1.0 / k, 1.0 / k, Imgproc.INTER_AREA);
        // Shrinking (a k-px box) and bilinear enlarging (a 2k-px tent) blur by k/2 px together; the Gaussian at
        // the reduced size adds the rest, so the total is close to sigma.
        double residual = Math.sqrt(Math.max(0, sigma * sigma - k * k / 4.0)) / k;
        Imgproc.GaussianBlur(small, small, new Size(0, 0), Math.max(residual, 0.5));
        Imgproc.resize(small, out, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
      }
      return OpenCv.rgb(out, new byte[3 * w * h]);
    } finally {
      src.release();
      small.release();
      out.release();
    }
  }
}
