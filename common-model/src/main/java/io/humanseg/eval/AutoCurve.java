package io.humanseg.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code auto} would give on a set at each threshold, from two evaluations of the same photos: one by the
 * default (fast) model, one by the quality model. An image whose fast mask has a confidence under the threshold
 * takes the quality model's IoU and costs both models' times; the others keep the fast model's. Since auto runs
 * each model exactly as it runs alone, this is what {@code eval --model auto} measures, without running the
 * quality model again per threshold.
 */
public record AutoCurve(double fastMIoU, double qualityMIoU, double fastMillis, double qualityMillis,
    List<Point> points) {

  /**
   * One threshold.
   *
   * @param escalated images the quality model runs on
   * @param gainKept (mIoU - fast mIoU) / (quality mIoU - fast mIoU): the share of the quality model's gain kept
   * @param timeShare mean time per image over the quality model's mean time
   */
  public record Point(double threshold, int escalated, double mIoU, double millisPerImage, double gainKept,
      double timeShare) {}

  /** The curve at thresholds 0, step, 2 * step, ... 1. */
  public static AutoCurve of(List<ImageResult> fast, List<ImageResult> quality, double step) {
    int steps = (int) Math.round(1 / step);
    double[] thresholds = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      thresholds[i] = i == steps ? 1.0 : i * step;
    }
    return of(fast, quality, thresholds);
  }

  /** The curve at these thresholds, in their order. */
  public static AutoCurve of(List<ImageResult> fast, List<ImageResult> quality, double[] thresholds) {
    Map<String, ImageResult> better = new LinkedHashMap<>();
    quality.forEach(r -> {
      if (better.put(r.id(), r) != null) {
        throw new IllegalArgumentException("photo " + r.id() + " is in the quality model's reports twice");
      }
    });
    long fastIds = fast.stream().map(ImageResult::id).distinct().count();
    if (fast.isEmpty() || fastIds != fast.size() || better.size() != fast.size()
        || !fast.stream().allMatch(r -> better.containsKey(r.id()))) {
      throw new IllegalArgumentException("the two evaluations must be of the same photos (" + fast.size() + " and "
          + quality.size() + " images)");
    }
    int n = fast.size();
    double fastIou = fast.stream().mapToDouble(ImageResult::iou).average().orElseThrow();
    double qualityIou = quality.stream().mapToDouble(ImageResult::iou).average().orElseThrow();
    double fastMs = fast.stream().mapToDouble(ImageResult::millis).average().orElseThrow();
    double qualityMs = quality.stream().mapToDouble(ImageResult::millis).average().orElseThrow();
    List<Point> points = new ArrayList<>();
    for (double t : thresholds) {
      double iou = 0;
      double ms = 0;
      int escalated = 0;
      for (ImageResult f : fast) {
        ms += f.millis();
        if (f.confidence() < t) { // AutoModel.escalates: strictly under the threshold
          ImageResult q = better.get(f.id());
          iou += q.iou();
          ms += q.millis();
          escalated++;
        } else {
          iou += f.iou();
        }
      }
      iou /= n;
      ms /= n;
      double gain = qualityIou - fastIou;
      // No gain to keep when the quality model is not better: NaN, which no threshold is chosen for.
      points.add(new Point(t, escalated, iou, ms, gain <= 0 ? Double.NaN : (iou - fastIou) / gain, ms / qualityMs));
    }
    return new AutoCurve(fastIou, qualityIou, fastMs, qualityMs, List.copyOf(points));
  }

  /**
   * The cheapest threshold that keeps at least {@code minGainKept} of the quality model's gain within
   * {@code maxTimeShare} of its time, if there is one.
   */
  public Optional<Point> choose(double minGainKept, double maxTimeShare) {
    return points.stream().filter(p -> p.gainKept() >= minGainKept && p.timeShare() <= maxTimeShare).findFirst();
  }

  /** The per-image results of an {@code eval --json} report. */
  public static List<ImageResult> read(Path report) {
    try {
      JsonNode images = new ObjectMapper().readTree(report.toFile()).path("images");
      List<ImageResult> results = new ArrayList<>();
      for (JsonNode r : images) {
        if (!r.has("confidence") || !r.has("millis")) {
          throw new IllegalArgumentException(report + " has no per-image confidence and time: write it again with"
              + " this version's eval");
        }
        results.add(new ImageResult(r.path("id").asText(), r.path("iou").asDouble(), r.path("mae").asDouble(),
            r.path("boundaryIou").asDouble(), r.path("confidence").asDouble(), r.path("model").asText(),
            r.path("millis").asDouble()));
      }
      if (results.isEmpty()) {
        throw new IllegalArgumentException(report + " has no images");
      }
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + report, e);
    }
  }
}
