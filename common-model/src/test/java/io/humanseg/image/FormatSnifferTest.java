package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatSnifferTest {
  @Test
  void recognisesMagicBytes() {
    assertEquals(Optional.of(ImageFormat.JPEG), FormatSniffer.sniff(bytes(0xff, 0xd8, 0xff, 0xe0)));
    assertEquals(Optional.of(ImageFormat.PNG), FormatSniffer.sniff(bytes(0x89, 'P', 'N', 'G', 13, 10, 26, 10)));
    assertEquals(Optional.of(ImageFormat.GIF), FormatSniffer.sniff(ascii("GIF89a....")));
    assertEquals(Optional.of(ImageFormat.GIF), FormatSniffer.sniff(ascii("GIF87a....")));
    assertEquals(Optional.of(ImageFormat.WEBP), FormatSniffer.sniff(ascii("RIFF\0\0\0\0WEBPVP8 ")));
    byte[] bmp = new byte[54];
    bmp[0] = 'B';
    bmp[1] = 'M';
    bmp[14] = 40;
    assertEquals(Optional.of(ImageFormat.BMP), FormatSniffer.sniff(bmp));
  }

  @Test
  void rejectsLookalikes() {
    assertEquals(Optional.empty(), FormatSniffer.sniff(ascii("BMW owners club newsletter")));
    assertEquals(Optional.empty(), FormatSniffer.sniff(ascii("RIFF\0\0\0\0WAVEfmt ")));
    assertEquals(Optional.empty(), FormatSniffer.sniff(ascii("GIF90a")));
    assertEquals(Optional.empty(), FormatSniffer.sniff(bytes(0xff, 0xd8)));
    assertEquals(Optional.empty(), FormatSniffer.sniff(bytes(0x89, 'P', 'N', 'G')));
    assertEquals(Optional.empty(), FormatSniffer.sniff(new byte[0]));
    assertEquals(Optional.empty(), FormatSniffer.sniff(null));
  }

  @Test
  void ignoresWhatTheNameWouldSay() {
    // A PNG is a PNG whatever it is called; the sniffer is only ever given bytes.
    byte[] png = TestImages.png(TestImages.quadrants(8, 8));
    assertEquals(Optional.of(ImageFormat.PNG), FormatSniffer.sniff(png));
    assertEquals("image/png", ImageFormat.PNG.mimeType());
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
