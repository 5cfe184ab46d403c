package io.humanseg.eval;

import java.util.Comparator;
import java.util.List;

/**
 * Summary of an evaluation, with the top-level fields that QUALITY.md and CI read: {@code mIoU},
 * {@code minIoU}, {@code mae}, {@code boundaryIoU}, {@code count}.
 */
public record EvalReport(
    String model, String pipeline, double mIoU, double minIoU, double mae, double boundaryIoU, int count,
    double millisPerImage, List<ImageResult> images) {

  static EvalReport of(String model, String pipeline, List<ImageResult> images, double millisPerImage) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images were evaluated");
    }
    return new EvalReport(
        model, pipeline,
        images.stream().mapToDouble(ImageResult::iou).average().orElseThrow(),
        images.stream().mapToDouble(ImageResult::iou).min().orElseThrow(),
        images.stream().mapToDouble(ImageResult::mae).average().orElseThrow(),
        images.stream().mapToDouble(ImageResult::boundaryIou).average().orElseThrow(),
        images.size(), millisPerImage,
        images.stream().sorted(Comparator.comparing(ImageResult::id)).toList());
  }
}
