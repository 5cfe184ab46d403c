package io.humanseg.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The table of kinds and formats, and EncodeOptions enforcing exactly it. */
class OutputKindTest {
  @Test
  void encodeOptionsAcceptExactlyTheFormatsAKindCarries() {
    int accepted = 0;
    for (OutputKind kind : OutputKind.values()) {
      Background background = kind == OutputKind.COMPOSITE ? new Background.Color(1, 2, 3) : null;
      for (OutputFormat format : OutputFormat.values()) {
        if (kind.carries(format)) {
          assertEquals(format, new EncodeOptions(kind, format, background, null, 0, 128).format());
          accepted++;
        } else {
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
              () -> new EncodeOptions(kind, format, background, null, 0, 128));
          assertTrue(e.getMessage().contains("use png"), e.getMessage());
        }
      }
    }
    assertEquals(1 + 2 + 3, accepted, "mask: PNG; cut-out: PNG, WebP; composite: all three");
    assertFalse(OutputKind.RGBA.carries(OutputFormat.JPEG));
  }

  @Test
  void namesParseInAnyCaseWithJpgForJpeg() {
    assertEquals(OutputFormat.JPEG, OutputFormat.parse("JPG"));
    assertEquals(OutputFormat.WEBP, OutputFormat.parse("webp"));
    assertEquals(OutputKind.COMPOSITE, OutputKind.parse("Composite"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputKind.parse("sepia"));
    assertEquals("output must be one of [alpha, rgba, composite], not 'sepia'", e.getMessage());
  }
}
