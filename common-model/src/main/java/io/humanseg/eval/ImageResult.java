package io.humanseg.eval;

/**
 * One evaluated image.
 *
 * @param confidence the mask's confidence ({@link io.humanseg.segment.MaskConfidence}), the predictor of {@code iou}
 * @param model the model whose mask was scored (with {@code auto}, the one it chose)
 * @param millis time to segment this photo from its file's bytes (decode included)
 */
public record ImageResult(
    String id, double iou, double mae, double boundaryIou, double confidence, String model, double millis) {}
