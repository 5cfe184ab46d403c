package io.humanseg.segment;

import io.humanseg.card.ModelCard;

/** Person probability in [0, 1] per pixel, row-major, one float per pixel. */
public record ProbabilityMap(int width, int height, float[] values) {
  public ProbabilityMap {
    if (values.length != width * height) {
      throw new IllegalArgumentException("map " + width + "x" + height + " needs " + width * height + " values");
    }
  }

  /** Reads an output of the card's own (fixed) shape. */
  static ProbabilityMap fromOutput(float[] raw, ModelCard.Output output, boolean mirrored) {
    return fromOutput(raw, output.shape().stream().mapToLong(Long::longValue).toArray(), output, mirrored);
  }

  /**
   * Reads a model's raw output as the card describes it: picks the person channel and applies the
   * activation (none, sigmoid, softmax over channels, or per-image min-max).
   *
   * @param shape the output tensor's actual shape: [N, C, H, W] or [N, H, W, C] as the card's layout says, or
   *     [N, H, W] / [H, W] for a single channel
   * @param mirrored the input was mirrored; mirror the map back
   */
  static ProbabilityMap fromOutput(float[] raw, long[] shape, ModelCard.Output output, boolean mirrored) {
    boolean nchw = !"NHWC".equals(output.layout());
    int rank = shape.length;
    if (rank < 2 || rank > 4 || (rank == 4 && shape[0] != 1) || (rank == 3 && shape[0] != 1)) {
      throw new IllegalArgumentException("cannot read output shape " + java.util.Arrays.toString(shape));
    }
    int channels = rank < 4 ? 1 : (int) shape[nchw ? 1 : 3];
    int h = (int) shape[rank == 4 && !nchw ? 1 : rank - 2];
    int w = (int) shape[rank == 4 && !nchw ? 2 : rank - 1];
    if (output.channel() >= channels) {
      throw new IllegalArgumentException(
          "output channel " + output.channel() + " asked for, but the output has " + channels);
    }
    int plane = w * h;
    String activation = output.activation() == null ? "none" : output.activation();
    int kind = switch (activation) {
      case "none" -> NONE;
      case "sigmoid" -> SIGMOID;
      case "softmax" -> SOFTMAX;
      case "minmax" -> MINMAX;
      default -> throw new IllegalArgumentException("unknown output activation '" + activation + "'");
    };
    int channel = output.channel();
    float[] p = new float[plane];
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    // Row by row, the activation chosen once: this runs over every output value of every model run.
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        float v = raw[nchw ? channel * plane + i : i * channels + channel];
        if (kind == SIGMOID) {
          v = (float) (1 / (1 + Math.exp(-v)));
        } else if (kind == SOFTMAX) {
          v = softmax(raw, i, channels, plane, nchw, channel);
        } else if (kind == NONE) {
          // A map is probabilities: everything downstream (resampling, blending) stays inside [0, 1] from here.
          v = Math.min(1f, Math.max(0f, v));
        }
        if (kind == MINMAX) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        p[y * w + (mirrored ? w - 1 - x : x)] = v;
      }
    }
    if (kind == MINMAX) {
      float range = max - min;
      for (int i = 0; i < plane; i++) {
        p[i] = range > 0 ? (p[i] - min) / range : 0f;
      }
    }
    return new ProbabilityMap(w, h, p);
  }

  private static final int NONE = 0;
  private static final int SIGMOID = 1;
  private static final int SOFTMAX = 2;
  private static final int MINMAX = 3;

  private static float softmax(float[] raw, int i, int channels, int plane, boolean nchw, int channel) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < channels; c++) {
      max = Math.max(max, raw[nchw ? c * plane + i : i * channels + c]);
    }
    double sum = 0;
    double mine = 0;
    for (int c = 0; c < channels; c++) {
      double e = Math.exp(raw[nchw ? c * plane + i : i * channels + c] - max);
      sum += e;
      if (c == channel) {
        mine = e;
      }
    }
    return (float) (mine / sum);
  }

  /** Averages two maps of the same size (flip averaging). */
  ProbabilityMap average(ProbabilityMap other) {
    float[] v = new float[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (values[i] + other.values[i]) * 0.5f;
    }
    return new ProbabilityMap(width, height, v);
  }
}
