package io.humanseg.segment;

import io.humanseg.card.ModelCard;
import io.humanseg.image.RgbImage;

/**
 * Fills a model's input tensor from a region of an image: resizes the region to the input size (area
 * averaging when shrinking), optionally mirrored, converts to the card's colour order and normalisation and
 * writes the card's layout, in one pass over the pixels without intermediate images.
 */
final class InputTensor {
  private InputTensor() {}

  /**
   * @param size the input's width and height for this pass
   * @param target where the region goes inside the input (all of it when stretching, the centred content
   *     rectangle when letterboxing); the rest is black
   * @param mirror flip horizontally (for flip-averaging)
   * @return the tensor, {@code 3 * width * height} floats
   */
  static float[] fill(
      RgbImage image, Region region, ModelCard.Input input, InputSize size, Region target, boolean mirror) {
    int w = target.width();
    int h = target.height();
    ResampleWeights wx = ResampleWeights.of(region.x(), region.width(), image.width(), w);
    ResampleWeights wy = ResampleWeights.of(region.y(), region.height(), image.height(), h);

    // Horizontal pass over the rows the region needs: rows x w x 3.
    int rowFirst = wy.first[0];
    int rowLast = Math.min(image.height() - 1, wy.first[h - 1] + wy.taps - 1);
    int rows = rowLast - rowFirst + 1;
    float[] horizontal = new float[rows * w * 3];
    byte[] rgb = image.rgb();
    int stride = image.width() * 3;
    for (int r = 0; r < rows; r++) {
      int rowBase = (rowFirst + r) * stride;
      int outBase = r * w * 3;
      for (int x = 0; x < w; x++) {
        float cr = 0;
        float cg = 0;
        float cb = 0;
        int base = wx.first[x];
        for (int t = 0; t < wx.taps; t++) {
          float k = wx.weights[x * wx.taps + t];
          if (k != 0) {
            int p = rowBase + (base + t) * 3;
            cr += k * (rgb[p] & 0xff);
            cg += k * (rgb[p + 1] & 0xff);
            cb += k * (rgb[p + 2] & 0xff);
          }
        }
        int o = outBase + x * 3;
        horizontal[o] = cr;
        horizontal[o + 1] = cg;
        horizontal[o + 2] = cb;
      }
    }

    // Vertical pass, normalisation and layout.
    boolean bgr = "BGR".equals(input.colorOrder());
    boolean nchw = "NCHW".equals(input.layout());
    float[] scale = new float[3];
    float[] offset = new float[3];
    for (int c = 0; c < 3; c++) {
      // (v * scale - mean) / std as one multiply-add.
      scale[c] = (float) (input.scale() / input.std().get(c));
      offset[c] = (float) (-input.mean().get(c) / input.std().get(c));
    }
    int inW = size.width();
    int plane = size.pixels();
    float[] out = new float[3 * plane];
    if (w * h != plane) {
      for (int i = 0; i < out.length; i++) {
        out[i] = offset[nchw ? i / plane : i % 3];
      }
    }
    for (int y = 0; y < h; y++) {
      int base = wy.first[y] - rowFirst;
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          float v = 0;
          for (int t = 0; t < wy.taps; t++) {
            float k = wy.weights[y * wy.taps + t];
            if (k != 0) {
              v += k * horizontal[((base + t) * w + x) * 3 + c];
            }
          }
          int channel = bgr ? 2 - c : c;
          float value = v * scale[channel] + offset[channel];
          int pixel = (target.y() + y) * inW + target.x() + (mirror ? w - 1 - x : x);
          int index = nchw ? channel * plane + pixel : pixel * 3 + channel;
          out[index] = value;
        }
      }
    }
    return out;
  }
}
