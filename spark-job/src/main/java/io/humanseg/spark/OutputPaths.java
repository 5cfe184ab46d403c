package io.humanseg.spark;

import io.humanseg.files.ImageFiles;
import java.net.URI;
import org.apache.hadoop.fs.Path;

/** Where the output of an input goes: its path relative to the input root, under the output folder. */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * The input's path relative to {@code root}; for an input outside it (an {@code --input-list} entry), its
   * whole path without scheme and authority, so that {@code s3a://b/x/y.jpg} goes to {@code OUT/x/y.png}.
   */
  static String relative(String root, String path) {
    if (root != null && path.startsWith(root.endsWith("/") ? root : root + "/")) {
      return path.substring(root.length() + (root.endsWith("/") ? 0 : 1));
    }
    String p = new Path(path).toUri().getPath();
    return p.startsWith("/") ? p.substring(1) : p;
  }

  /**
   * {@code OUT/a/b.png} for {@code ROOT/a/b.jpg}: the extension becomes {@code .png}, as in the CLI. Built from
   * the output folder's URI parts and an absolute path, never by parsing a joined string, so that a name such
   * as {@code colon:name.jpg} (which {@code new Path(String)} would read as a URI scheme) stays a name.
   */
  static String output(String outputDir, String root, String path) {
    URI out = new Path(outputDir).toUri();
    String dir = out.getPath().endsWith("/") ? out.getPath() : out.getPath() + "/";
    return new Path(out.getScheme(), out.getAuthority(), dir + ImageFiles.withExtension(relative(root, path), "png"))
        .toString();
  }
}
