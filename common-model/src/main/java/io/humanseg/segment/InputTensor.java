package io.humanseg.segment;

import io.humanseg.card.ModelCard;
import io.humanseg.image.RgbImage;
import io.humanseg.parallel.Bands;

/**
 * Fills a model's input tensor from a region of an image: resizes the region to the input size (area
 * averaging when shrinking), optionally mirrored, converts to the card's colour order and normalisation and
 * writes the card's layout, in one pass over the pixels without intermediate images. Bands of tensor rows are
 * filled side by side when {@link Bands} allows.
 */
final class InputTensor {
  /**
   * The horizontal pass's rows, kept per thread between calls: 1.6 MB for a 1080p photo's first pass, the
   * largest allocation of a request after the decoded photo and the mask. Larger ones (models with large
   * inputs) are not kept, so that an idle thread holds at most {@link #KEPT} floats.
   */
  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
  private static final int KEPT = 1 << 20;
  /** Fewer tensor rows than this per band are not worth handing to another core. */
  private static final int MIN_BAND_ROWS = 32;

  private final RgbImage image;
  private final ResampleWeights wx;
  private final ResampleWeights wy;
  /** Byte offset in a photo row of each horizontal tap; taps past the image point at its last pixel. */
  private final int[] offset;
  private final Region target;
  private final int inWidth;
  private final int plane;
  private final boolean nchw;
  private final boolean bgr;
  private final boolean mirror;
  private final float[] scale = new float[3];
  private final float[] shift = new float[3];
  private final float[] out;

  private InputTensor(RgbImage image, Region region, ModelCard.Input input, InputSize size, Region target,
      boolean mirror) {
    this.image = image;
    this.target = target;
    this.mirror = mirror;
    int w = target.width();
    wx = ResampleWeights.of(region.x(), region.width(), image.width(), w);
    wy = ResampleWeights.of(region.y(), region.height(), image.height(), target.height());
    offset = new int[w * wx.taps];
    for (int x = 0; x < w; x++) {
      for (int t = 0; t < wx.taps; t++) {
        offset[x * wx.taps + t] = 3 * Math.min(wx.first[x] + t, image.width() - 1);
      }
    }
    bgr = "BGR".equals(input.colorOrder());
    nchw = "NCHW".equals(input.layout());
    for (int c = 0; c < 3; c++) {
      // (v * scale - mean) / std as one multiply-add.
      scale[c] = (float) (input.scale() / input.std().get(c));
      shift[c] = (float) (-input.mean().get(c) / input.std().get(c));
    }
    inWidth = size.width();
    plane = size.pixels();
    out = new float[3 * plane];
    if (w * target.height() != plane) {
      for (int i = 0; i < out.length; i++) {
        out[i] = shift[nchw ? i / plane : i % 3];
      }
    }
  }

  /**
   * @param size the input's width and height for this pass
   * @param target where the region goes inside the input (all of it when stretching, the centred content
   *     rectangle when letterboxing); the rest is black
   * @param mirror flip horizontally (for flip-averaging)
   * @return the tensor, {@code 3 * width * height} floats
   */
  static float[] fill(
      RgbImage image, Region region, ModelCard.Input input, InputSize size, Region target, boolean mirror) {
    return fill(image, region, input, size, target, mirror,
        Math.min(Bands.now(), Math.max(1, target.height() / MIN_BAND_ROWS)));
  }

  /** The same, in {@code bands} bands of tensor rows side by side. */
  static float[] fill(RgbImage image, Region region, ModelCard.Input input, InputSize size, Region target,
      boolean mirror, int bands) {
    InputTensor tensor = new InputTensor(image, region, input, size, target, mirror);
    int h = target.height();
    Bands.run(bands, b -> {
      tensor.rows(Bands.start(b, bands, h), Bands.start(b + 1, bands, h));
      return b;
    });
    return tensor.out;
  }

  /** Tensor rows [y0, y1) of the target: the photo rows they need resized horizontally, then vertically. */
  private void rows(int y0, int y1) {
    if (y0 >= y1) {
      return;
    }
    int w = target.width();
    int rowFirst = wy.first[y0];
    int rowLast = Math.min(image.height() - 1, wy.first[y1 - 1] + wy.taps - 1);
    float[] horizontal = horizontal(rowFirst, rowLast - rowFirst + 1);
    float[] row = new float[w * 3];
    for (int y = y0; y < y1; y++) {
      java.util.Arrays.fill(row, 0f);
      int base = wy.first[y] - rowFirst;
      for (int t = 0; t < wy.taps; t++) {
        float k = wy.weights[y * wy.taps + t];
        if (k != 0) {
          int from = (base + t) * w * 3;
          for (int i = 0; i < row.length; i++) {
            row[i] += k * horizontal[from + i];
          }
        }
      }
      int rowPixel = (target.y() + y) * inWidth + target.x();
      for (int c = 0; c < 3; c++) {
        int channel = bgr ? 2 - c : c;
        float sc = scale[channel];
        float sh = shift[channel];
        for (int x = 0; x < w; x++) {
          int pixel = rowPixel + (mirror ? w - 1 - x : x);
          out[nchw ? channel * plane + pixel : pixel * 3 + channel] = row[x * 3 + c] * sc + sh;
        }
      }
    }
  }

  /**
   * Photo rows [first, first + rows) resized to the target's width, R, G, B per pixel. A tap of weight 0
   * adds +0 to a non-negative sum, which changes nothing, so the loop needs no branch.
   */
  private float[] horizontal(int first, int rows) {
    int w = target.width();
    int taps = wx.taps;
    float[] horizontal = scratch(rows * w * 3);
    byte[] rgb = image.rgb();
    int stride = image.width() * 3;
    for (int r = 0; r < rows; r++) {
      int rowBase = (first + r) * stride;
      int outBase = r * w * 3;
      for (int x = 0; x < w; x++) {
        float cr = 0;
        float cg = 0;
        float cb = 0;
        for (int t = 0; t < taps; t++) {
          float k = wx.weights[x * taps + t];
          int p = rowBase + offset[x * taps + t];
          cr += k * (rgb[p] & 0xff);
          cg += k * (rgb[p + 1] & 0xff);
          cb += k * (rgb[p + 2] & 0xff);
        }
        int o = outBase + x * 3;
        horizontal[o] = cr;
        horizontal[o + 1] = cg;
        horizontal[o + 2] = cb;
      }
    }
    return horizontal;
  }

  private static float[] scratch(int length) {
    float[] buffer = SCRATCH.get();
    if (buffer.length < length) {
      buffer = new float[length];
      if (length <= KEPT) {
        SCRATCH.set(buffer);
      }
    }
    return buffer;
  }
}
