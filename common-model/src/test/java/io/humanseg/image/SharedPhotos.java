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
 * the system property {@code humanseg.shared} that Maven sets. Tests using them are skipped when the folder is
 * absent, except in CI (environment CI=true), where its absence is an error.
 */
final class SharedPhotos {
  static final List<String> SETS = List.of("ccp", "vikram-humanseg-removebg-pseudogt");

  private SharedPhotos() {}

  /** Up to {@code perSet} photos of each set, in name order. */
  static List<Path> photos(int perSet) {
    Path evaldata = root().resolve("evaldata");
    if (!Files.isDirectory(evaldata)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("shared test data missing: " + evaldata.toAbsolutePath());
      }
      Assumptions.abort("shared test data missing: " + evaldata.toAbsolutePath());
    }
    return SETS.stream().flatMap(set -> list(evaldata.resolve(set).resolve("images")).limit(perSet)).toList();
  }

  private static Path root() {
    String property = System.getProperty("humanseg.shared");
    return (property != null ? Path.of(property) : Path.of("..", "..", "shared")).normalize();
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
