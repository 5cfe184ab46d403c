package io.humanseg.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void writesIntoNewFoldersAndReplaces() throws IOException {
    Path target = dir.resolve("a/b/out.png");
    AtomicFiles.write(target, new byte[] {1, 2});
    AtomicFiles.write(target, new byte[] {3});
    assertArrayEquals(new byte[] {3}, Files.readAllBytes(target));
    assertEquals(1, count(target.getParent()), "nothing left beside the target");
  }

  @Test
  void aFailedWriteKeepsTheOldFileAndLeavesNothingBehind() throws IOException {
    Path target = dir.resolve("out.png");
    AtomicFiles.write(target, new byte[] {7});
    assertThrows(IOException.class, () -> AtomicFiles.write(target, tmp -> {
      Files.write(tmp, new byte[] {8, 9});
      throw new IOException("disk full");
    }));
    assertThrows(IllegalStateException.class, () -> AtomicFiles.write(dir.resolve("new.png"), tmp -> {
      Files.write(tmp, new byte[] {1});
      throw new IllegalStateException("integrity mismatch");
    }));
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
    assertEquals(1, count(dir), "no .part file and no half-written new file");
  }

  private static long count(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }
}
