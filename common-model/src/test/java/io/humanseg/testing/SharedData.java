package io.humanseg.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests need from outside the checkout: the read-only folder beside it ({@code ../shared}, evaluation
 * photos and golden tensors; Maven passes its location as the system property {@code humanseg.shared}) and the
 * Debian tools that some tests drive (chromium, kubectl).
 *
 * <p>A missing prerequisite fails the test with a message naming it. Only an explicit
 * {@code -Dhumanseg.allowMissing=true} (README, "Tests") turns that failure into a skip that carries the same
 * message.
 *
 * <p>In common-model, the lowest module, so that the tests of every module share this one rule: the others get
 * it from common-model's test jar.
 */
public final class SharedData {
  /** The opt-out: with {@code -Dhumanseg.allowMissing=true} a missing prerequisite skips instead of failing. */
  public static final String ALLOW_MISSING = "humanseg.allowMissing";

  private SharedData() {}

  /** {@code ../shared/<subfolder>}, or fails (skips only under {@link #ALLOW_MISSING}) when it is not there. */
  public static Path require(String subfolder) {
    String property = System.getProperty("humanseg.shared");
    Path root = property != null ? Path.of(property) : Path.of("..", "..", "shared");
    Path dir = root.resolve(subfolder).normalize();
    if (!Files.isDirectory(dir)) {
      missing("test data missing: " + dir.toAbsolutePath() + " (the read-only ../shared folder beside the checkout,"
          + " see README \"Tests\")");
    }
    return dir;
  }

  /**
   * The executable (an absolute path, or a name looked up on the PATH), or fails (skips only under
   * {@link #ALLOW_MISSING}) naming it and the Debian packages that bring it.
   */
  public static Path requireTool(String executable, String debianPackages) {
    Path found = Path.of(executable);
    if (!found.isAbsolute()) {
      String path = System.getenv().getOrDefault("PATH", "");
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
          found = Path.of(dir, executable);
          break;
        }
      }
    }
    if (!found.isAbsolute() || !Files.isExecutable(found)) {
      missing("test tool missing: " + executable + " (Debian: apt-get install " + debianPackages
          + "; .ci/run installs it)");
    }
    return found;
  }

  private static void missing(String what) {
    if (Boolean.getBoolean(ALLOW_MISSING)) {
      Assumptions.abort(what + "; skipped because -D" + ALLOW_MISSING + "=true");
    }
    throw new IllegalStateException(what + ". To run the other tests without it, pass -D" + ALLOW_MISSING + "=true.");
  }
}
