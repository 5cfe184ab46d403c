package io.humanseg.encode;

import java.util.Arrays;
import java.util.Locale;

/** Encoded formats of a result. Which {@link OutputKind} can use which: {@link OutputKind#carries}. */
public enum OutputFormat {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpg"),
  /** Encoded by OpenCV's bundled libwebp: half JPEG's bytes, but 7-10 times its time. */
  WEBP("image/webp", "webp");

  private final String mediaType;
  private final String extension;

  OutputFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The usual file name extension, without the dot. */
  public String extension() {
    return extension;
  }

  public String mediaType() {
    return mediaType;
  }

  /** {@code png}, {@code jpeg} (or {@code jpg}) or {@code webp}, in any case. */
  public static OutputFormat parse(String name) {
    return parse(OutputFormat.class, "format", "jpg".equalsIgnoreCase(name) ? "jpeg" : name);
  }

  /** A client's value as error messages show it: never more than 80 characters of it. */
  private static String shown(String value) {
    return value == null || value.length() <= 80 ? value : value.substring(0, 80) + "... (" + value.length() + " characters)";
  }

  /** The constant named {@code value} in any case, or IllegalArgumentException naming the option and the choices. */
  static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(option + " must be one of "
          + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", not '" + shown(value) + "'");
    }
  }
}
