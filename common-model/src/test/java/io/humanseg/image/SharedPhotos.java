package io.humanseg.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Evaluation photos from the read-only folder beside the checkout ({@code ../shared/evaldata}), located through
 * the system property {@code humanseg.shared} that Maven sets. When the folder is missing, a test that needs it
 * fails with a message naming it; only an explicit {@code -Dhumanseg.allowMissing=true} (README, "Tests") makes it
 * a skip. The same rule as {@code io.humanseg.model.SharedData}, which the modules above this one use.
 */
public final class SharedPhotos {
  static final List<String> SETS = List.of("ccp", "vikram-humanseg-removebg-pseudogt");

  private SharedPhotos() {}

  /** Up to {@code perSet} photos of each set, in name order. */
  static List<Path> photos(int perSet) {
    Path evaldata = evaldata();
    return SETS.stream().flatMap(set -> list(evaldata.resolve(set).resolve("images")).limit(perSet)).toList();
  }

  /** {@code ../shared/evaldata}, or fails (skips only under {@code -Dhumanseg.allowMissing=true}). */
  public static Path evaldata() {
    String property = System.getProperty("humanseg.shared");
    Path dir = (property != null ? Path.of(property) : Path.of("..", "..", "shared")).resolve("evaldata").normalize();
    if (!Files.isDirectory(dir)) {
      String what = "test data missing: " + dir.toAbsolutePath()
          + " (the read-only ../shared folder beside the checkout, see README \"Tests\")";
      if (Boolean.getBoolean("humanseg.allowMissing")) {
        Assumptions.abort(what + "; skipped because -Dhumanseg.allowMissing=true");
      }
      throw new IllegalStateException(what + ". To run the other tests without it, pass -Dhumanseg.allowMissing=true.");
    }
    return dir;
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted().toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
