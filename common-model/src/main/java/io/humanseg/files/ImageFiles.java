package io.humanseg.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which files count as photos when a folder is segmented or evaluated (by extension, in any case), and the name
 * of the output of each: the input's path with the output format's extension.
 */
public final class ImageFiles {
  /** The extensions of the formats the decoder reads, lower case, without the dot. */
  public static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "gif", "bmp", "webp");

  private ImageFiles() {}

  /** Whether the file name ends in one of the {@link #EXTENSIONS}, in any case ({@code IMG_1.JPG} counts). */
  public static boolean isImage(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(e -> name.endsWith("." + e));
  }

  public static boolean isImage(Path file) {
    return isImage(file.getFileName().toString());
  }

  /**
   * {@code a/b.png} for {@code a/b.jpg} and extension {@code png}: the last extension of the file name replaced
   * (added when there is none; a leading dot is part of the name). Paths are separated by {@code /}.
   */
  public static String withExtension(String path, String extension) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    String stem = dot > slash + 1 ? path.substring(0, dot) : path;
    return stem + "." + extension;
  }

  /** {@link #withExtension(String, String)} for a path of this file system (the file name is changed). */
  public static Path withExtension(Path path, String extension) {
    return path.resolveSibling(withExtension(path.getFileName().toString(), extension));
  }
}
