package io.humanseg.segment;

import io.humanseg.image.AlphaMask;
import java.util.Map;

/**
 * The result of segmenting one image.
 *
 * @param mask alpha at the requested output size; all zero when no person was found
 * @param personFound whether enough of the image is person to call it one
 * @param model the model that ran
 * @param confidence how far to trust the mask, in [0, 1], a predictor of its IoU ({@link MaskConfidence})
 * @param millis time per stage (preprocess, inference, postprocess)
 */
public record Segmentation(
    AlphaMask mask, boolean personFound, String model, double confidence, Map<String, Double> millis) {}
