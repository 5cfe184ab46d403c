package io.humanseg.image;

/**
 * The eight EXIF orientations (TIFF tag 0x0112): how the stored pixels must be turned to show the picture the way
 * a browser does. Each constant also knows where a stored pixel lands on the displayed grid, which is what
 * {@link OrientationTransform} uses, so the geometry lives in this one place for every backend.
 */
public enum ExifOrientation {
  /** 1: stored as displayed. */
  NORMAL(1),
  /** 2: mirrored left to right. */
  FLIP_HORIZONTAL(2),
  /** 3: upside down. */
  ROTATE_180(3),
  /** 4: mirrored top to bottom. */
  FLIP_VERTICAL(4),
  /** 5: mirrored along the top-left to bottom-right diagonal. */
  TRANSPOSE(5),
  /** 6: display after turning 90 degrees clockwise (phones held upright). */
  ROTATE_90_CW(6),
  /** 7: mirrored along the top-right to bottom-left diagonal. */
  TRANSVERSE(7),
  /** 8: display after turning 90 degrees counter-clockwise. */
  ROTATE_90_CCW(8);

  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TYPE_SHORT = 3;

  private final int tag;

  ExifOrientation(int tag) {
    this.tag = tag;
  }

  /** The EXIF value, 1 to 8. */
  public int tag() {
    return tag;
  }

  /** The orientation for an EXIF value; values outside 1..8 mean "no orientation", as browsers treat them. */
  public static ExifOrientation fromTag(int tag) {
    return tag >= 1 && tag <= 8 ? values()[tag - 1] : NORMAL;
  }

  /** Whether the displayed picture is the stored one turned on its side (width and height swap). */
  public boolean swapsAxes() {
    return tag >= 5;
  }

  public int displayedWidth(int storedWidth, int storedHeight) {
    return swapsAxes() ? storedHeight : storedWidth;
  }

  public int displayedHeight(int storedWidth, int storedHeight) {
    return swapsAxes() ? storedWidth : storedHeight;
  }

  /**
   * Displayed pixel index (y * displayedWidth + x) of stored pixel (0, y): with {@link #step} this maps a stored
   * row onto the displayed grid as {@code rowStart(y) + x * step}.
   */
  int rowStart(int y, int storedWidth, int storedHeight) {
    int w = storedWidth;
    int h = storedHeight;
    int displayedWidth = displayedWidth(w, h);
    return switch (this) {
      case NORMAL -> y * displayedWidth;
      case FLIP_HORIZONTAL -> y * displayedWidth + w - 1;
      case ROTATE_180 -> (h - 1 - y) * displayedWidth + w - 1;
      case FLIP_VERTICAL -> (h - 1 - y) * displayedWidth;
      case TRANSPOSE -> y;
      case ROTATE_90_CW -> h - 1 - y;
      case TRANSVERSE -> (w - 1) * displayedWidth + h - 1 - y;
      case ROTATE_90_CCW -> (w - 1) * displayedWidth + y;
    };
  }

  /** How far (in displayed pixels) the displayed position moves when the stored x grows by one. */
  int step(int storedWidth, int storedHeight) {
    int displayedWidth = displayedWidth(storedWidth, storedHeight);
    return switch (this) {
      case NORMAL, FLIP_VERTICAL -> 1;
      case FLIP_HORIZONTAL, ROTATE_180 -> -1;
      case TRANSPOSE, ROTATE_90_CW -> displayedWidth;
      case TRANSVERSE, ROTATE_90_CCW -> -displayedWidth;
    };
  }

  /**
   * Reads the orientation from a TIFF structure (the payload of a JPEG APP1 "Exif" segment after its 6-byte
   * prefix, a PNG eXIf chunk or a WebP EXIF chunk). Anything unreadable gives {@link #NORMAL}: a broken EXIF
   * block does not stop browsers from showing the picture, so it must not stop us either.
   *
   * <p>Hand-written rather than TwelveMonkeys' TIFFReader on purpose: only one tag of the first directory is
   * needed, and this reads it in place, bounded by the block, without allocating or walking maker notes and
   * sub-directories on every request.
   */
  static ExifOrientation fromTiff(byte[] d, int offset, int length) {
    if (offset < 0 || length < 8 || offset > d.length - length) {
      return NORMAL;
    }
    boolean little;
    if (d[offset] == 'I' && d[offset + 1] == 'I') {
      little = true;
    } else if (d[offset] == 'M' && d[offset + 1] == 'M') {
      little = false;
    } else {
      return NORMAL;
    }
    if (u16(d, offset + 2, little) != 42) {
      return NORMAL;
    }
    long ifd = u32(d, offset + 4, little);
    if (ifd < 8 || ifd > length - 2) {
      return NORMAL;
    }
    int entries = u16(d, offset + (int) ifd, little);
    int first = offset + (int) ifd + 2;
    int available = (offset + length - first) / 12;
    for (int i = 0, n = Math.min(entries, available); i < n; i++) {
      int entry = first + 12 * i;
      if (u16(d, entry, little) == TAG_ORIENTATION) {
        // A SHORT with count 1 sits left-justified in the 4-byte value field, in the block's byte order.
        if (u16(d, entry + 2, little) != TYPE_SHORT || u32(d, entry + 4, little) != 1) {
          return NORMAL;
        }
        return fromTag(u16(d, entry + 8, little));
      }
    }
    return NORMAL;
  }

  private static int u16(byte[] d, int pos, boolean little) {
    return little ? Bytes.u16le(d, pos) : Bytes.u16be(d, pos);
  }

  private static long u32(byte[] d, int pos, boolean little) {
    return little ? Bytes.u32le(d, pos) : Bytes.u32be(d, pos);
  }
}
