package io.humanseg.eval;

/** Loads OpenCV's native library once per JVM, from the openpnp jar. */
final class OpenCvNatives {
  private OpenCvNatives() {}

  static void load() {
    Holder.touch();
  }

  private static final class Holder {
    static {
      nu.pattern.OpenCV.loadLocally();
    }

    static void touch() {}
  }
}
