package io.humanseg.segment;

import io.humanseg.card.ModelCard;

/**
 * The input width and height a model gets for one region of an image, from its card's size policy: the
 * shape's fixed size, a fixed height with the width keeping the aspect ratio, or a fixed longest side.
 * Computed sides are rounded to the policy's multiple (never below one multiple), because encoder-decoder
 * networks only accept sides divisible by their total stride.
 */
public record InputSize(int width, int height) {

  public static InputSize of(ModelCard.Input input, int regionWidth, int regionHeight) {
    ModelCard.Size size = input.sizePolicy();
    int multiple = size.multipleOrOne();
    return switch (size.policy()) {
      case "fixed" -> new InputSize(input.width(), input.height());
      case "height" -> {
        int h = size.height();
        yield new InputSize(round((double) regionWidth * h / regionHeight, multiple), h);
      }
      case "longest" -> {
        double scale = (double) size.side() / Math.max(regionWidth, regionHeight);
        yield new InputSize(round(regionWidth * scale, multiple), round(regionHeight * scale, multiple));
      }
      default -> throw new IllegalArgumentException("unknown input size policy '" + size.policy() + "'");
    };
  }

  /** False when the input keeps the region's aspect ratio, so letterboxing has nothing to do. */
  public static boolean isFixed(ModelCard.Input input) {
    return "fixed".equals(input.sizePolicy().policy());
  }

  public long[] shape(ModelCard.Input input) {
    return "NCHW".equals(input.layout()) ? new long[] {1, 3, height, width} : new long[] {1, height, width, 3};
  }

  public int pixels() {
    return width * height;
  }

  private static int round(double side, int multiple) {
    return Math.max(multiple, (int) Math.round(side / multiple) * multiple);
  }
}
