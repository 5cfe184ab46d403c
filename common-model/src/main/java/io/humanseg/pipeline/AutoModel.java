package io.humanseg.pipeline;

import java.io.Serializable;
import java.util.Locale;

/**
 * The {@code auto} model: the default model first, and a quality model (e.g. {@code isnet}) too when the
 * default one's mask has a confidence under the threshold; the answer is the quality model's mask then. Without
 * the quality model installed, {@code auto} is the default model.
 *
 * <p>The default threshold was chosen from the curve of dev-set mIoU against mean time per image (QUALITY.md,
 * "auto"; {@code humanseg auto-curve}): the cheapest that keeps at least 80% of {@code isnet}'s mIoU gain over
 * {@code selfie} within 30% of its mean time, on the two dev sets together.
 *
 * @param qualityModel the model run when the default one is unsure ({@code HUMANSEG_AUTO_MODEL})
 * @param threshold confidence under which it runs, in [0, 1] ({@code HUMANSEG_AUTO_THRESHOLD}); 0 never runs it,
 *     1 (nearly) always
 */
public record AutoModel(String qualityModel, double threshold) implements Serializable {
  /** The model name that asks for this policy (reserved: no installed model can take it). */
  public static final String NAME = "auto";
  public static final String DEFAULT_QUALITY_MODEL = "isnet";
  public static final double DEFAULT_THRESHOLD = 0.94;
  public static final String MODEL_VARIABLE = "HUMANSEG_AUTO_MODEL";
  public static final String THRESHOLD_VARIABLE = "HUMANSEG_AUTO_THRESHOLD";

  public AutoModel {
    if (qualityModel == null || qualityModel.isBlank()) {
      throw new IllegalArgumentException("auto model: a model name is needed");
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("auto threshold must be in 0..1, not " + threshold);
    }
    if (isAuto(qualityModel)) {
      throw new IllegalArgumentException("auto model: '" + NAME + "' cannot be its own quality model");
    }
  }

  public static AutoModel defaults() {
    return new AutoModel(DEFAULT_QUALITY_MODEL, DEFAULT_THRESHOLD);
  }

  /** The defaults, with the given values where they are not null or blank; a bad value throws, naming it. */
  public static AutoModel of(String qualityModel, String threshold) {
    String model = qualityModel == null || qualityModel.isBlank() ? DEFAULT_QUALITY_MODEL : qualityModel.trim();
    double t = DEFAULT_THRESHOLD;
    if (threshold != null && !threshold.isBlank()) {
      try {
        t = Double.parseDouble(threshold.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("auto threshold must be a number in 0..1, not '" + threshold + "'");
      }
    }
    return new AutoModel(model, t);
  }

  /** Whether a mask of this confidence goes to the quality model: strictly under the threshold. */
  public boolean escalates(double confidence) {
    return confidence < threshold;
  }

  /** Whether a request's model name asks for {@code auto}. */
  public static boolean isAuto(String model) {
    return model != null && NAME.equals(model.trim().toLowerCase(Locale.ROOT));
  }
}
