package io.humanseg.image;

import io.humanseg.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Evaluation photos from the read-only folder beside the checkout ({@code ../shared/evaldata}), found (or missed,
 * with a message naming it) by {@link SharedData}.
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
    return SharedData.require("evaldata");
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
