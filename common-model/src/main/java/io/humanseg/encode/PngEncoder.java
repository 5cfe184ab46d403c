package io.humanseg.encode;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;
import io.humanseg.parallel.Bands;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes 8-bit grey, RGB and RGBA PNGs directly, without ImageIO or OpenCV. Every response carries a PNG, so
 * this is on the hot path. With the JDK's zlib at level 1 the built-in model's masks of photos at 1920x1080 and
 * 4096x3072 took 5.0 and 26.9 ms: 4% and 14% less than OpenCV's default PNG writer at the same size, and 2.5
 * times less than ImageIO's (JMH {@code PngMaskBench}, BENCHMARKS.md "Component choices"). Masks now go through
 * {@link RunDeflater} (zlib's Z_RLE idea without its match search), which takes about 60% of zlib's level 1
 * time for masks 10-25% smaller (BENCHMARKS.md "Speed"); photos through zlib. One fixed cheap filter is used
 * instead of trying all five per row.
 *
 * <p>Rows are filtered into a block buffer and deflated block by block into one IDAT chunk, so no filtered
 * copy of the whole image and, for RGBA, no interleaved copy is ever made. Bands of rows are deflated side by
 * side when {@link Bands} allows. Thread-safe: deflaters and block buffers come from a small pool, since a
 * {@link Deflater} holds about 300 KB of native memory and is cheap to reset but not to create.
 */
public final class PngEncoder {
  /** PNG row filters used here (the others, Average and Paeth, cost more time than they save bytes). */
  public enum Filter {
    NONE, SUB, UP
  }

  /**
   * Runs with Up for masks, zlib level 1 with Sub for photos, by measurement. For masks, Up makes soft
   * (model-like) masks 40% smaller than no filter with runs (a third with zlib) for a quarter more time; Sub is as
   * small on soft masks but a fifth larger on binary ones. zlib's level 6 shrank masks 2-3 times more but took 3
   * times longer, for files already 1-2% of the photo's size. For photos, Sub was the fastest and within 3% of
   * Paeth's size, which took 40-90% longer.
   */
  public static final PngEncoder DEFAULT = new PngEncoder(Deflate.RUNS, 1, Filter.UP, Filter.SUB);

  /** How grey images (masks) are deflated; photos always go through zlib. */
  public enum Deflate {
    /** The JDK's zlib at the encoder's level. */
    ZLIB,
    /** {@link RunDeflater}: runs at distance 1 and literals, Huffman codes per block, no match search. */
    RUNS
  }

  private static final byte[] SIGNATURE = {(byte) 137, 'P', 'N', 'G', '\r', '\n', 26, '\n'};
  private static final int COLOR_GREY = 0;
  private static final int COLOR_RGB = 2;
  private static final int COLOR_RGBA = 6;
  private static final int BLOCK = 256 * 1024;

  private final Deflate greyDeflate;
  private final int level;
  private final Filter greyFilter;
  private final Filter colourFilter;
  private final ArrayBlockingQueue<Workspace> pool =
      new ArrayBlockingQueue<>(Math.max(2, Runtime.getRuntime().availableProcessors()));

  /**
   * @param level deflate level 0-9
   * @param greyFilter the filter for grey images (masks)
   * @param colourFilter the filter for RGB and RGBA images (photos)
   */
  public PngEncoder(int level, Filter greyFilter, Filter colourFilter) {
    this(Deflate.ZLIB, level, greyFilter, colourFilter);
  }

  /**
   * @param greyDeflate how grey images are deflated
   * @param level zlib's deflate level 0-9
   * @param greyFilter the filter for grey images (masks)
   * @param colourFilter the filter for RGB and RGBA images (photos)
   */
  public PngEncoder(Deflate greyDeflate, int level, Filter greyFilter, Filter colourFilter) {
    this.greyDeflate = greyDeflate;
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("deflate level " + level);
    }
    this.level = level;
    this.greyFilter = greyFilter;
    this.colourFilter = colourFilter;
  }

  /** The mask as an 8-bit grey PNG: 255 person, 0 background. */
  public byte[] grey(AlphaMask mask) {
    return grey(mask, bands(mask.width(), mask.height(), 1));
  }

  /** The same, deflated in {@code bands} row bands side by side. */
  byte[] grey(AlphaMask mask, int bands) {
    byte[] a = mask.alpha();
    int w = mask.width();
    return encode(w, mask.height(), COLOR_GREY, greyFilter,
        (y, row) -> System.arraycopy(a, y * w, row, 0, w), bands);
  }

  /** The image as an 8-bit RGB PNG. */
  public byte[] rgb(RgbImage image) {
    byte[] rgb = image.rgb();
    int stride = 3 * image.width();
    return encode(image.width(), image.height(), COLOR_RGB, colourFilter,
        (y, row) -> System.arraycopy(rgb, y * stride, row, 0, stride), bands(image.width(), image.height(), 3));
  }

  /**
   * The photo with the mask as its alpha channel: the cut-out. Fully transparent pixels are written as 0, 0, 0,
   * 0: their colour is invisible, and a background of zeros made a 4096x3072 cut-out 2.6 times smaller and
   * faster to write. libwebp does the same to transparent areas by default.
   */
  public byte[] rgba(RgbImage image, AlphaMask mask) {
    return rgba(image, mask, bands(image.width(), image.height(), 4));
  }

  /** The same, deflated in {@code bands} row bands side by side. */
  byte[] rgba(RgbImage image, AlphaMask mask, int bands) {
    Sizes.requireSame(image, mask);
    byte[] rgb = image.rgb();
    byte[] a = mask.alpha();
    int w = image.width();
    return encode(w, image.height(), COLOR_RGBA, colourFilter, (y, row) -> {
      for (int x = 0, s = 3 * y * w, m = y * w, d = 0; x < w; x++, s += 3, m++, d += 4) {
        int alpha = a[m] & 0xff;
        int keep = (alpha | -alpha) >> 31; // all ones when alpha > 0, else 0: no branch
        row[d] = (byte) (rgb[s] & keep);
        row[d + 1] = (byte) (rgb[s + 1] & keep);
        row[d + 2] = (byte) (rgb[s + 2] & keep);
        row[d + 3] = (byte) alpha;
      }
    }, bands);
  }

  /** Fills {@code row} with the unfiltered bytes of row y. Called from several threads at once. */
  private interface Rows {
    void fill(int y, byte[] row);
  }

  /** How many bands to deflate now: those {@link Bands#now()} allows, none smaller than a block. */
  private static int bands(int width, int height, int bpp) {
    return (int) Math.min(Bands.now(), Math.max(1, (long) width * bpp * height / BLOCK));
  }

  /**
   * Deflates {@code bands} row bands side by side, as pigz does: each band is a run of deflate blocks ending
   * on a byte boundary (a sync flush), so their concatenation is one deflate stream; the Adler-32 checksums of
   * the bands are combined. A band starts without the previous band's 32 KB window, which costs a few bytes.
   */
  private byte[] encode(int width, int height, int colourType, Filter filter, Rows rows, int bands) {
    int bpp = colourType == COLOR_GREY ? 1 : colourType == COLOR_RGB ? 3 : 4;
    int rowBytes = width * bpp;
    if ((long) rowBytes + 1 > BLOCK) {
      throw new IllegalArgumentException("image too wide for the PNG encoder: " + width);
    }
    Output out = new Output(estimate(rowBytes, height, bpp));
    out.write(SIGNATURE);
    out.int32(13);
    int ihdrStart = out.size;
    out.ascii("IHDR");
    out.int32(width);
    out.int32(height);
    out.write(new byte[] {8, (byte) colourType, 0, 0, 0});
    out.crc(ihdrStart);

    int idatLength = out.size;
    out.int32(0); // patched below
    int idatStart = out.size;
    out.ascii("IDAT");
    out.write(new byte[] {0x78, 0x01}); // zlib header: deflate, 32K window, "fastest" hint

    int count = Math.max(1, Math.min(bands, height));
    // Band 0 writes straight after the header; the others into their own buffers, appended in order.
    List<Band> done = Bands.run(count, b -> {
      int y0 = Bands.start(b, count, height);
      int y1 = Bands.start(b + 1, count, height);
      if (colourType == COLOR_GREY && greyDeflate == Deflate.RUNS) {
        return runBand(rows, filter, rowBytes, y0, y1, b == count - 1);
      }
      Output target = b == 0 ? out : new Output(estimate(rowBytes, y1 - y0, bpp));
      return deflateBand(rows, filter, rowBytes, bpp, y0, y1, b == count - 1, target);
    });
    long adler = 1; // the Adler-32 of nothing
    for (Band band : done) {
      if (band.out() != out) {
        out.write(band.out().bytes, 0, band.out().size);
      }
      adler = adler32Combine(adler, band.adler(), band.length());
    }
    out.int32((int) adler);
    out.patchInt32(idatLength, out.size - idatStart - 4);
    out.crc(idatStart);
    out.int32(0);
    int iendStart = out.size;
    out.ascii("IEND");
    out.crc(iendStart);
    return Arrays.copyOf(out.bytes, out.size);
  }

  /** Masks compress 20-150 times and photos 2-5 times: start near the final size to avoid regrowing. */
  private static int estimate(int rowBytes, int rows, int bpp) {
    return (int) Math.min(Integer.MAX_VALUE - 64, (long) rowBytes * rows / (bpp == 1 ? 20 : 3)) + 4096;
  }

  /**
   * Filters rows [y0, y1) into {@code block}, handing each full block to {@code full} (its length); returns the
   * length of the last, partly filled block, which the caller hands on itself.
   */
  private static int filterRows(Rows rows, Filter filter, int rowBytes, int bpp, int y0, int y1, byte[] block,
      java.util.function.IntConsumer full) {
    // The row above the first is zeros (PNG spec), which prev starts as; a later band needs the real one.
    byte[] prev = new byte[rowBytes];
    if (y0 > 0) {
      rows.fill(y0 - 1, prev);
    }
    byte[] cur = new byte[rowBytes];
    int n = 0;
    for (int y = y0; y < y1; y++) {
      rows.fill(y, cur);
      if (n + rowBytes + 1 > BLOCK) {
        full.accept(n);
        n = 0;
      }
      n = filterRow(filter, cur, prev, rowBytes, bpp, block, n);
      byte[] t = prev;
      prev = cur;
      cur = t;
    }
    return n;
  }

  /** A workspace from the pool, or a new one when all are in use. */
  private Workspace take() {
    Workspace ws = pool.poll();
    return ws != null ? ws : new Workspace(level);
  }

  /** Rows [y0, y1) filtered and deflated into {@code out}; the last band finishes the stream. */
  private Band deflateBand(Rows rows, Filter filter, int rowBytes, int bpp, int y0, int y1, boolean last,
      Output out) {
    Workspace ws = take();
    boolean reusable = false;
    try {
      int n = filterRows(rows, filter, rowBytes, bpp, y0, y1, ws.block, full -> deflate(ws, ws.block, full, out));
      deflate(ws, ws.block, n, out);
      if (last) {
        ws.deflater.finish();
        while (!ws.deflater.finished()) {
          out.ensure(1 << 14);
          out.size += ws.deflater.deflate(out.bytes, out.size, out.bytes.length - out.size);
        }
      } else {
        boolean full;
        do { // a full output buffer may hide more flushed output: ask again
          out.ensure(1 << 14);
          int free = out.bytes.length - out.size;
          int written = ws.deflater.deflate(out.bytes, out.size, free, Deflater.SYNC_FLUSH);
          out.size += written;
          full = written == free;
        } while (full);
      }
      Band band = new Band(out, ws.adler.getValue(), (long) (y1 - y0) * (rowBytes + 1));
      reusable = true;
      return band;
    } finally {
      if (reusable) {
        ws.reset();
        if (!pool.offer(ws)) {
          ws.deflater.end();
        }
      } else {
        ws.deflater.end();
      }
    }
  }

  /** Rows [y0, y1) of a grey image filtered and deflated by a {@link RunDeflater}. */
  private Band runBand(Rows rows, Filter filter, int rowBytes, int y0, int y1, boolean last) {
    Workspace ws = take();
    try {
      RunDeflater runs = new RunDeflater(estimate(rowBytes, y1 - y0, 1), ws.tokens);
      byte[] block = ws.block;
      int n = filterRows(rows, filter, rowBytes, 1, y0, y1, block, full -> runs.block(block, 0, full, false));
      runs.block(block, 0, n, last);
      runs.finish(last);
      ws.tokens = runs.tokens();
      Output out = new Output(0);
      out.bytes = runs.bytes();
      out.size = runs.size();
      return new Band(out, runs.adler(), (long) (y1 - y0) * (rowBytes + 1));
    } finally {
      if (!pool.offer(ws)) {
        ws.deflater.end();
      }
    }
  }

  /** A band's deflated bytes, the Adler-32 of its filtered bytes, and how many there were. */
  private record Band(Output out, long adler, long length) {}

  /** The Adler-32 of two byte runs one after the other, from theirs (the sums are linear in the bytes). */
  static long adler32Combine(long adler1, long adler2, long length2) {
    final long base = 65521;
    long rem = length2 % base;
    long a1 = adler1 & 0xffff;
    long b1 = (adler1 >>> 16) & 0xffff;
    long a2 = adler2 & 0xffff;
    long b2 = (adler2 >>> 16) & 0xffff;
    // a = a1 + a2 - 1; b = b1 + b2 + rem * (a1 - 1)  (each run's a starts at 1)
    long a = (a1 + a2 + base - 1) % base;
    long b = (b1 + b2 + rem * a1 % base + base - rem) % base;
    return (b << 16) | a;
  }

  /** Writes the filter byte and the filtered row at {@code block[n]}; returns the new end. */
  private static int filterRow(Filter filter, byte[] cur, byte[] prev, int len, int bpp, byte[] block, int n) {
    block[n++] = (byte) filter.ordinal(); // NONE=0, SUB=1, UP=2 as in the PNG spec
    switch (filter) {
      case NONE -> System.arraycopy(cur, 0, block, n, len);
      case SUB -> {
        System.arraycopy(cur, 0, block, n, bpp);
        // Indexed, not n++, so that C2 vectorises the loop.
        for (int i = bpp; i < len; i++) {
          block[n + i] = (byte) (cur[i] - cur[i - bpp]);
        }
      }
      case UP -> {
        for (int i = 0; i < len; i++) {
          block[n + i] = (byte) (cur[i] - prev[i]);
        }
      }
      default -> throw new AssertionError(filter);
    }
    return n + len;
  }

  private static void deflate(Workspace ws, byte[] block, int n, Output out) {
    ws.adler.update(block, 0, n);
    ws.deflater.setInput(block, 0, n);
    while (!ws.deflater.needsInput()) {
      out.ensure(1 << 14);
      out.size += ws.deflater.deflate(out.bytes, out.size, out.bytes.length - out.size);
    }
  }

  /** What one encode needs besides its output, kept between calls. */
  private static final class Workspace {
    // nowrap: the zlib header and Adler-32 trailer are written here, so that deflate runs on blocks.
    final Deflater deflater;
    final Adler32 adler = new Adler32();
    final byte[] block = new byte[BLOCK];
    /** {@link RunDeflater}'s token buffer, kept at the size the last block needed. */
    int[] tokens = new int[1 << 14];

    Workspace(int level) {
      deflater = new Deflater(level, true);
    }

    void reset() {
      deflater.reset();
      adler.reset();
    }
  }

  /** A growable byte array with PNG's big-endian integers and chunk CRCs. */
  private static final class Output {
    byte[] bytes;
    int size;

    Output(int capacity) {
      bytes = new byte[capacity];
    }

    void ensure(int free) {
      if (bytes.length - size < free) {
        long grown = Math.max((long) bytes.length * 2, (long) size + free);
        if (grown > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("PNG larger than 2 GB");
        }
        bytes = Arrays.copyOf(bytes, (int) grown);
      }
    }

    void write(byte[] b) {
      write(b, 0, b.length);
    }

    void write(byte[] b, int from, int length) {
      ensure(length);
      System.arraycopy(b, from, bytes, size, length);
      size += length;
    }

    void ascii(String s) {
      ensure(s.length());
      for (int i = 0; i < s.length(); i++) {
        bytes[size++] = (byte) s.charAt(i);
      }
    }

    void int32(int v) {
      ensure(4);
      patchInt32(size, v);
      size += 4;
    }

    void patchInt32(int at, int v) {
      bytes[at] = (byte) (v >>> 24);
      bytes[at + 1] = (byte) (v >>> 16);
      bytes[at + 2] = (byte) (v >>> 8);
      bytes[at + 3] = (byte) v;
    }

    /** Appends the CRC of the chunk whose type starts at {@code typeStart}. */
    void crc(int typeStart) {
      CRC32 crc = new CRC32();
      crc.update(bytes, typeStart, size - typeStart);
      int32((int) crc.getValue());
    }
  }
}
