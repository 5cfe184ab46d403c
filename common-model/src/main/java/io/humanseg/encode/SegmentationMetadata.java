package io.humanseg.encode;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the API reports beside the image, as JSON.
 *
 * @param width the photo's width at the displayed size (after EXIF rotation), before any crop
 * @param height likewise
 * @param foregroundBox the smallest box holding every pixel with alpha at or above the threshold (128); absent
 *     when no person was found
 * @param foregroundFraction the share of pixels with alpha at or above the threshold, 0..1 (a pixel count, not
 *     mean alpha, so that it agrees with the box and {@code personFound})
 * @param personFound whether any pixel reached the threshold
 * @param crop the region of the photo the returned image shows, present only when it was cropped
 * @param model the name of the model that produced the mask (with {@code auto}, the one it chose)
 * @param confidence how far to trust the mask, in [0, 1]: a predictor of its IoU against a true mask, computed
 *     from the model's own output ({@link io.humanseg.segment.MaskConfidence}); 0 when no person was found
 * @param timingsMs milliseconds per stage in pipeline order, e.g. decode, preprocess, inference, postprocess,
 *     encode
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentationMetadata(
    int width,
    int height,
    BoundingBox foregroundBox,
    double foregroundFraction,
    boolean personFound,
    BoundingBox crop,
    String model,
    double confidence,
    Map<String, Double> timingsMs) {

  public SegmentationMetadata {
    timingsMs = timingsMs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
  }

  /** The metadata of a whole-image result. */
  public static SegmentationMetadata of(ForegroundStats stats, String model, double confidence,
      Map<String, Double> timingsMs) {
    return new SegmentationMetadata(stats.width(), stats.height(), stats.box(), stats.foregroundFraction(),
        stats.personFound(), null, model, confidence, timingsMs);
  }

  /** The metadata of an encoded result, with its crop when it has one. */
  public static SegmentationMetadata of(EncodedResult result, String model, double confidence,
      Map<String, Double> timingsMs) {
    ForegroundStats stats = result.stats();
    BoundingBox region = result.region();
    return new SegmentationMetadata(stats.width(), stats.height(), stats.box(), stats.foregroundFraction(),
        stats.personFound(), region.coversWhole(stats.width(), stats.height()) ? null : region, model, confidence,
        timingsMs);
  }
}
