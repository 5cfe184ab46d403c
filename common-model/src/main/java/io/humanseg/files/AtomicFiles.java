package io.humanseg.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Files written whole or not at all: the content goes to a hidden temporary file beside the target, which is
 * then moved over it atomically. A reader never sees half a file, an interrupted run never leaves one that looks
 * done, and the temporary file is removed whatever happens.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code content} into a temporary file, which is then moved to the target. */
  @FunctionalInterface
  public interface Content {
    /** Writes the file at {@code temporary}; throw to leave the target as it was. */
    void writeTo(Path temporary) throws IOException;
  }

  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, temporary -> Files.write(temporary, bytes));
  }

  /** Creates the target's folder if needed, writes through {@code content} and moves the result over the target. */
  public static void write(Path target, Content content) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // Beside the target, so that the move stays on one file system; not Files.createTempFile, whose owner-only
    // permissions would stay on the written file.
    Path temporary = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    try {
      content.writeTo(temporary);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
