package io.humanseg.model;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The read-only folder beside the checkout ({@code ../shared}) with evaluation photos and golden tensors.
 * Maven passes its location as the system property {@code humanseg.shared}. Tests that need it are skipped
 * when it is absent, except in CI (environment CI=true), where its absence is an error.
 */
public final class SharedData {
  private SharedData() {}

  public static Path require(String subfolder) {
    String property = System.getProperty("humanseg.shared");
    Path root = property != null ? Path.of(property) : Path.of("..", "..", "shared");
    Path dir = root.resolve(subfolder).normalize();
    if (!Files.isDirectory(dir)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("shared test data missing: " + dir.toAbsolutePath());
      }
      Assumptions.abort("shared test data missing: " + dir.toAbsolutePath());
    }
    return dir;
  }
}
