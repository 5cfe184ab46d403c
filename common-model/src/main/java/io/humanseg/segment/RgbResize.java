package io.humanseg.segment;

import io.humanseg.image.RgbImage;

/** Area-averaged shrinking of RGB images, with the same weights as the model input. */
final class RgbResize {
  private RgbResize() {}

  static RgbImage shrink(RgbImage image, int width, int height) {
    ResampleWeights wx = ResampleWeights.of(0, image.width(), image.width(), width);
    ResampleWeights wy = ResampleWeights.of(0, image.height(), image.height(), height);
    byte[] src = image.rgb();
    float[] rows = new float[image.height() * width * 3];
    for (int y = 0; y < image.height(); y++) {
      int in = y * image.width() * 3;
      int out = y * width * 3;
      for (int x = 0; x < width; x++) {
        for (int t = 0; t < wx.taps; t++) {
          float k = wx.weights[x * wx.taps + t];
          if (k != 0) {
            int p = in + (wx.first[x] + t) * 3;
            rows[out + x * 3] += k * (src[p] & 0xff);
            rows[out + x * 3 + 1] += k * (src[p + 1] & 0xff);
            rows[out + x * 3 + 2] += k * (src[p + 2] & 0xff);
          }
        }
      }
    }
    byte[] dst = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int i = 0; i < width * 3; i++) {
        float v = 0;
        for (int t = 0; t < wy.taps; t++) {
          float k = wy.weights[y * wy.taps + t];
          if (k != 0) {
            v += k * rows[(wy.first[y] + t) * width * 3 + i];
          }
        }
        dst[y * width * 3 + i] = (byte) Math.min(255, Math.round(v));
      }
    }
    return new RgbImage(width, height, dst);
  }
}
