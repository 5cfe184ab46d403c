package io.humanseg.image;

/**
 * Loads OpenCV's native library once per JVM. The natives ship inside the openpnp jar and are unpacked to a
 * temporary folder, so nothing needs installing. Used by decode, encode and the evaluator.
 */
public final class OpenCvNatives {
  private OpenCvNatives() {}

  /** Loads the natives on first call; the class initialiser's lock makes it happen exactly once. */
  public static void load() {
    Holder.touch();
  }

  private static final class Holder {
    static {
      nu.pattern.OpenCV.loadLocally();
    }

    static void touch() {}
  }
}
