package io.humanseg.encode;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a request gets back, and the formats each kind can be encoded in: the one table of which kind goes with
 * which format ({@link EncodeOptions} enforces it; the HTTP API, the CLI and the Spark job translate its error).
 */
public enum OutputKind {
  /** The mask as an 8-bit grey PNG (the public API's {@code result}). */
  ALPHA(EnumSet.of(OutputFormat.PNG), "the alpha mask is PNG only"),
  /** The photo with the mask as alpha: a cut-out with a transparent background. */
  RGBA(EnumSet.of(OutputFormat.PNG, OutputFormat.WEBP), "a cut-out needs alpha, which JPEG lacks"),
  /** The person over a new background (colour, image or the blurred photo), without alpha. */
  COMPOSITE(EnumSet.allOf(OutputFormat.class), "");

  private final Set<OutputFormat> formats;
  private final String why;

  OutputKind(Set<OutputFormat> formats, String why) {
    this.formats = Set.copyOf(formats);
    this.why = why;
  }

  /** Whether this kind can be encoded as {@code format}. */
  public boolean carries(OutputFormat format) {
    return formats.contains(format);
  }

  /** Throws IllegalArgumentException, with the reason and the formats that would do, unless it {@link #carries}. */
  public void requireCarries(OutputFormat format) {
    if (!carries(format)) {
      throw new IllegalArgumentException(why + ", not " + format.name().toLowerCase(Locale.ROOT) + ": use "
          + Arrays.stream(OutputFormat.values()).filter(formats::contains)
              .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or ")));
    }
  }

  /** {@code alpha}, {@code rgba} or {@code composite}, in any case. */
  public static OutputKind parse(String name) {
    return OutputFormat.parse(OutputKind.class, "output", name);
  }
}
