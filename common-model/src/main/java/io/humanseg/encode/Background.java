package io.humanseg.encode;

import io.humanseg.image.RgbImage;
import java.util.Locale;

/** What a composite puts behind the person. */
public sealed interface Background {

  /** One colour, 8 bits per channel. */
  record Color(int red, int green, int blue) implements Background {
    public Color {
      if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
        throw new IllegalArgumentException("colour " + red + "," + green + "," + blue);
      }
    }

    /** Parses {@code rrggbb} or {@code #rrggbb} (hex, either case). */
    public static Color parse(String hex) {
      String h = hex.startsWith("#") ? hex.substring(1) : hex;
      if (h.length() != 6) {
        throw new IllegalArgumentException("colour '" + hex + "' is not rrggbb");
      }
      try {
        int v = Integer.parseInt(h, 16);
        return new Color(v >> 16, (v >> 8) & 0xff, v & 0xff);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("colour '" + hex + "' is not rrggbb", e);
      }
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }
  }

  /** A picture scaled to cover the output, centred and cropped to the output's aspect ratio. */
  record Image(RgbImage image) implements Background {}

  /**
   * The photo itself, blurred.
   *
   * @param radius the Gaussian's standard deviation in output pixels, as in CSS {@code blur()}; above 0
   */
  record Blur(double radius) implements Background {
    public Blur {
      if (!(radius > 0) || radius > 10_000) {
        throw new IllegalArgumentException("blur radius " + radius);
      }
    }
  }
}
