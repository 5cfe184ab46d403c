package io.humanseg.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageFilesTest {
  @Test
  void photosAreKnownByExtensionInAnyCase() {
    for (String name : new String[] {"a.jpg", "B.JPG", "c.Jpeg", "d.png", "e.GIF", "f.bmp", "g.WebP"}) {
      assertTrue(ImageFiles.isImage(name), name);
    }
    for (String name : new String[] {"a.png.part", "jpg", "notes.txt", "a.tiff", "a.jpgx"}) {
      assertFalse(ImageFiles.isImage(name), name);
    }
  }

  @Test
  void theOutputNameChangesOnlyTheLastExtension() {
    assertEquals("a/b.png", ImageFiles.withExtension("a/b.jpg", "png"));
    assertEquals("a.b/c.d.png", ImageFiles.withExtension("a.b/c.d.jpeg", "png"));
    assertEquals("a.b/c.png", ImageFiles.withExtension("a.b/c", "png"));
    assertEquals("dir/.hidden.png", ImageFiles.withExtension("dir/.hidden", "png"));
    assertEquals(Path.of("x", "y.webp"), ImageFiles.withExtension(Path.of("x", "y.JPG"), "webp"));
    assertEquals(Path.of("y.webp"), ImageFiles.withExtension(Path.of("y.JPG"), "webp"));
  }
}
