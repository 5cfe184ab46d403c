package io.humanseg.encode;

/**
 * How to turn a photo and its mask into the response's image.
 *
 * @param kind what to return
 * @param format how to encode it: one that the kind {@link OutputKind#carries} (PNG for the mask, PNG or WebP for
 *     the cut-out, any for a composite)
 * @param background what goes behind the person; only for {@link OutputKind#COMPOSITE}, where it is required
 * @param crop crop to the subject first, or null to keep the whole image
 * @param quality JPEG or WebP quality 1..100, or 0 for the format's default
 * @param threshold the alpha from which a pixel counts as person, for the subject box and the statistics
 */
public record EncodeOptions(
    OutputKind kind, OutputFormat format, Background background, SubjectCrop crop, int quality, int threshold) {
  public EncodeOptions {
    if (kind == null || format == null) {
      throw new IllegalArgumentException("kind and format are required");
    }
    kind.requireCarries(format);
    if ((kind == OutputKind.COMPOSITE) != (background != null)) {
      throw new IllegalArgumentException(kind == OutputKind.COMPOSITE
          ? "a composite needs a background" : "a background is only for composites, not " + kind);
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality " + quality + " outside 1..100 (0 for the default)");
    }
    if (threshold < 1 || threshold > 255) {
      throw new IllegalArgumentException("threshold " + threshold + " outside 1..255");
    }
  }

  /** The mask as a grey PNG. */
  public static EncodeOptions alpha() {
    return new EncodeOptions(OutputKind.ALPHA, OutputFormat.PNG, null, null, 0, ForegroundStats.DEFAULT_THRESHOLD);
  }

  /** The cut-out as an RGBA PNG. */
  public static EncodeOptions rgba() {
    return new EncodeOptions(OutputKind.RGBA, OutputFormat.PNG, null, null, 0, ForegroundStats.DEFAULT_THRESHOLD);
  }

  public static EncodeOptions composite(Background background, OutputFormat format) {
    return new EncodeOptions(OutputKind.COMPOSITE, format, background, null, 0, ForegroundStats.DEFAULT_THRESHOLD);
  }

  public EncodeOptions withFormat(OutputFormat format) {
    return new EncodeOptions(kind, format, background, crop, quality, threshold);
  }

  public EncodeOptions withCrop(SubjectCrop crop) {
    return new EncodeOptions(kind, format, background, crop, quality, threshold);
  }

  public EncodeOptions withQuality(int quality) {
    return new EncodeOptions(kind, format, background, crop, quality, threshold);
  }

  public EncodeOptions withThreshold(int threshold) {
    return new EncodeOptions(kind, format, background, crop, quality, threshold);
  }
}
