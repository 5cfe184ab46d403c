package io.humanseg.segment;

/**
 * Choices per call. The defaults are the pipeline that scored best on the evaluation sets for its cost
 * (see QUALITY.md).
 *
 * @param model model name, or null for the provider's default
 * @param letterbox keep the aspect ratio and pad, instead of stretching the image to the model input
 * @param secondPass run the model again on a crop around the subject found by the first pass
 * @param refine edge-aware refinement (guided filter with the photo as guide)
 * @param flip average the prediction with that of the mirrored image
 */
public record SegmentOptions(String model, boolean letterbox, boolean secondPass, boolean refine, boolean flip) {
  public static SegmentOptions defaults() {
    return new SegmentOptions(null, false, true, false, false);
  }

  public SegmentOptions withModel(String name) {
    return new SegmentOptions(name, letterbox, secondPass, refine, flip);
  }

  public SegmentOptions withRefine(boolean on) {
    return new SegmentOptions(model, letterbox, secondPass, on, flip);
  }
}
