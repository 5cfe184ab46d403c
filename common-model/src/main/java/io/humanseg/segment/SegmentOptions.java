package io.humanseg.segment;

/**
 * Choices per call. The defaults are the pipeline that scored best on the evaluation sets for its cost
 * (see QUALITY.md).
 *
 * @param model model name, or null for the provider's default
 * @param letterbox keep the aspect ratio and pad, instead of stretching the image to the model input
 * @param secondPass run the model again on a crop around the subject found by the first pass; null for the
 *     model card's default ({@link io.humanseg.card.ModelCard#secondPassByDefault()})
 * @param refine edge-aware refinement (guided filter with the photo as guide)
 * @param flip average the prediction with that of the mirrored image
 */
public record SegmentOptions(String model, boolean letterbox, Boolean secondPass, boolean refine, boolean flip)
    implements java.io.Serializable {
  public static SegmentOptions defaults() {
    return new SegmentOptions(null, false, null, false, false);
  }

  /** Whether the second pass runs with this model. */
  public boolean secondPassWith(io.humanseg.card.ModelCard card) {
    return secondPass != null ? secondPass : card.secondPassByDefault();
  }

  public SegmentOptions withModel(String name) {
    return new SegmentOptions(name, letterbox, secondPass, refine, flip);
  }

  public SegmentOptions withSecondPass(Boolean on) {
    return new SegmentOptions(model, letterbox, on, refine, flip);
  }

  public SegmentOptions withRefine(boolean on) {
    return new SegmentOptions(model, letterbox, secondPass, on, flip);
  }
}
