package io.humanseg.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Summary of an evaluation, with the top-level fields that QUALITY.md and CI read: {@code mIoU},
 * {@code minIoU}, {@code mae}, {@code boundaryIoU}, {@code count}; and how well the masks' confidence predicts
 * their IoU: {@code confidenceSpearman} (Spearman's rank correlation of confidence and IoU; null when either is
 * constant) and {@code worstDecileCaught} (the share of the worst 10% of masks by IoU that are among the lowest
 * 10% by confidence). {@code models} counts the images each model produced (several with {@code auto}).
 */
public record EvalReport(
    String model, String pipeline, double mIoU, double minIoU, double mae, double boundaryIoU, int count,
    double millisPerImage, Double confidenceSpearman, double worstDecileCaught, Map<String, Long> models,
    List<ImageResult> images) {

  /** The share of a set whose worst masks {@link #worstDecileCaught} looks for. */
  public static final double DECILE = 0.1;

  static EvalReport of(String model, String pipeline, List<ImageResult> images, double millisPerImage) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images were evaluated");
    }
    List<ImageResult> sorted = images.stream().sorted(Comparator.comparing(ImageResult::id)).toList();
    double rho = Ranks.spearman(sorted.stream().mapToDouble(ImageResult::confidence).toArray(),
        sorted.stream().mapToDouble(ImageResult::iou).toArray());
    return new EvalReport(
        model, pipeline,
        images.stream().mapToDouble(ImageResult::iou).average().orElseThrow(),
        images.stream().mapToDouble(ImageResult::iou).min().orElseThrow(),
        images.stream().mapToDouble(ImageResult::mae).average().orElseThrow(),
        images.stream().mapToDouble(ImageResult::boundaryIou).average().orElseThrow(),
        images.size(), millisPerImage, Double.isNaN(rho) ? null : rho,
        Ranks.caught(sorted, ImageResult::iou, ImageResult::confidence, DECILE),
        new TreeMap<>(sorted.stream().collect(Collectors.groupingBy(ImageResult::model, Collectors.counting()))),
        sorted);
  }
}
