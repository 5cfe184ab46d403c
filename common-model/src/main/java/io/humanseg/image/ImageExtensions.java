package io.humanseg.image;

import java.util.List;
import java.util.Locale;

/**
 * The file extensions taken as images when a folder is searched (CLI, eval, Spark job), in any letter case:
 * {@code .JPG} from a camera and {@code .Webp} from a script are photos too. The decoder itself goes by the
 * bytes, never by the name.
 */
public final class ImageExtensions {
  /** Lower case, without the dot. */
  public static final List<String> ALL = List.of("jpg", "jpeg", "png", "gif", "bmp", "webp");

  /** A regular expression that a lower-cased path matches when it ends in one of {@link #ALL}. */
  public static final String PATH_REGEX = "\\.(" + String.join("|", ALL) + ")$";

  private ImageExtensions() {}

  /** Whether a file name or path ends in an image extension, in any case. */
  public static boolean matches(String name) {
    int dot = name.lastIndexOf('.');
    return dot >= 0 && ALL.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
