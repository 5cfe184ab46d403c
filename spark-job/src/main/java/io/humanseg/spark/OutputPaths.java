package io.humanseg.spark;

import org.apache.hadoop.fs.Path;

/** Where the output of an input goes: its path relative to the input root, under the output folder. */
final class OutputPaths {
  private OutputPaths() {}

  /** The input's path relative to {@code root}, or its path without scheme and authority when outside it. */
  static String relative(String root, String path) {
    if (root != null && path.startsWith(root.endsWith("/") ? root : root + "/")) {
      return path.substring(root.length() + (root.endsWith("/") ? 0 : 1));
    }
    String p = new Path(path).toUri().getPath();
    return p.startsWith("/") ? p.substring(1) : p;
  }

  /** {@code OUT/a/b.png} for {@code ROOT/a/b.jpg}: the extension becomes {@code .png}, as in the CLI. */
  static String output(String outputDir, String root, String path) {
    String relative = relative(root, path);
    int slash = relative.lastIndexOf('/');
    int dot = relative.lastIndexOf('.');
    String stem = dot > slash + 1 ? relative.substring(0, dot) : relative;
    return new Path(outputDir, stem + ".png").toString();
  }
}
