package io.humanseg.segment;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.MaskBounds;
import io.humanseg.parallel.Bands;
import java.util.List;

/**
 * The person probability on any grid, straight from the model's maps: the first pass's map over the whole
 * working image, and the second pass's map over its crop, cross-faded in near the crop's edges that lie inside
 * the image so that no seam shows. Each map is resampled once, directly to the output grid, row by row: no
 * canvas at working size and no full-size float map exist. A 1080p alpha costs the output bytes plus a few
 * rows of floats (the postprocess stage was 16 ms and 20 MB per 1080p request when both maps were first drawn
 * on a working canvas and that canvas was then enlarged).
 *
 * <p>When the output grid is the working image's (photos up to the working side), every value is computed with
 * the same float operations in the same order as drawing the canvas did, so those masks are bit for bit the
 * same; on larger photos the one resampling replaces the two in a row.
 */
final class MapComposer {
  /** Width of the cross-fade, as a share of the crop's shorter side (in working pixels). */
  static final double FEATHER = 0.05;

  private final int outWidth;
  private final int outHeight;
  private final Layer first;
  /** Maps over crops, pasted in order over the first: the second pass's, or the tiles of a finer search. */
  private final Layer[] crops;

  /**
   * @param first the first pass's map, covering the whole working image
   * @param second the second pass's map over {@code crop}, or null
   * @param crop where the second map lies in the working image; ignored without a second map
   * @param workWidth width of the working image the crop is given in
   * @param workHeight height of the working image
   * @param outWidth width of the grid to compose on
   * @param outHeight height of that grid
   */
  MapComposer(ProbabilityMap first, ProbabilityMap second, Region crop, int workWidth, int workHeight,
      int outWidth, int outHeight) {
    this(first, second == null ? List.of() : List.of(new Placed(second, crop)), workWidth, workHeight, outWidth,
        outHeight);
  }

  /**
   * @param first the first pass's map, covering the whole working image
   * @param crops maps over crops of the working image, each cross-faded over what lies under it, in order
   */
  MapComposer(ProbabilityMap first, List<Placed> crops, int workWidth, int workHeight, int outWidth,
      int outHeight) {
    this.outWidth = outWidth;
    this.outHeight = outHeight;
    this.first = Layer.whole(first, outWidth, outHeight);
    this.crops = crops.stream()
        .map(c -> Layer.crop(c.map(), c.crop(), workWidth, workHeight, outWidth, outHeight))
        .toArray(Layer[]::new);
  }

  /** A map and the crop of the working image it covers. */
  record Placed(ProbabilityMap map, Region crop) {}

  /**
   * The composed map as 8-bit alpha, and the share of its pixels at 128 or more (probability 0.5).
   *
   * @param bands how many row bands to compute side by side ({@link Bands#now()} in the pipeline)
   */
  Alpha toAlpha(int bands) {
    byte[] alpha = new byte[outWidth * outHeight];
    Bands.run(bands, band -> {
      Rows rows = new Rows();
      for (int y = Bands.start(band, bands, outHeight), end = Bands.start(band + 1, bands, outHeight); y < end;
          y++) {
        float[] row = rows.row(y);
        int out = y * outWidth;
        for (int x = 0; x < outWidth; x++) {
          // Maps and weights keep values in [0, 1] (up to rounding), so no clamp; this is Math.round for
          // values in [0, 255] but for 0.49999997f, in a third of its time.
          alpha[out + x] = (byte) (int) (row[x] * 255f + 0.5f);
        }
      }
      return band;
    });
    return new Alpha(new AlphaMask(outWidth, outHeight, alpha), (double) MaskBounds.of(alpha, outWidth, outHeight, 128).pixels() / alpha.length);
  }

  /** The composed map as floats (the guided filter's input). */
  float[] toFloats() {
    float[] canvas = new float[outWidth * outHeight];
    Rows rows = new Rows();
    for (int y = 0; y < outHeight; y++) {
      System.arraycopy(rows.row(y), 0, canvas, y * outWidth, outWidth);
    }
    return canvas;
  }

  /** Composes rows one after another; each band of rows has its own. */
  private final class Rows {
    private final float[] firstRow = new float[outWidth];
    private final Layer.Cache firstCache = first.cache();
    private final float[][] cropRows = new float[crops.length][];
    private final Layer.Cache[] cropCaches = new Layer.Cache[crops.length];

    Rows() {
      for (int i = 0; i < crops.length; i++) {
        cropRows[i] = new float[crops[i].columns()];
        cropCaches[i] = crops[i].cache();
      }
    }

    /** Row y of the composed map; the array is reused by the next call. */
    float[] row(int y) {
      first.row(y, firstRow, firstCache);
      for (int c = 0; c < crops.length; c++) {
        Layer crop = crops[c];
        if (crop.coversRow(y)) {
          float[] row = cropRows[c];
          crop.row(y, row, cropCaches[c]);
          float fy = crop.featherY(y);
          int x0 = crop.x0;
          for (int i = 0; i < row.length; i++) {
            float k = Math.min(fy, crop.featherX[i]);
            firstRow[x0 + i] = k * row[i] + (1 - k) * firstRow[x0 + i];
          }
        }
      }
      return firstRow;
    }
  }

  /** An alpha mask and the share of its pixels that count as person. */
  record Alpha(AlphaMask mask, double foregroundShare) {}

  /** One map placed on the output grid: its resampling weights and the rows it has resampled horizontally. */
  private static final class Layer {
    private final float[] map;
    private final int mapWidth;
    /** Output columns [x0, x0 + wx.first.length) and rows [y0, y0 + wy.first.length) the map covers. */
    final int x0;
    private final int y0;
    private final ResampleWeights wx;
    private final ResampleWeights wy;
    /** Cross-fade weight per covered column, and the parameters of the one per row (null: no fade). */
    final float[] featherX;
    private final float[] featherY;

    private Layer(ProbabilityMap map, int x0, int y0, ResampleWeights wx, ResampleWeights wy, float[] featherX,
        float[] featherY) {
      this.map = map.values();
      this.mapWidth = map.width();
      this.x0 = x0;
      this.y0 = y0;
      this.wx = wx;
      this.wy = wy;
      this.featherX = featherX;
      this.featherY = featherY;
    }

    /** Horizontally resampled map rows, one slot per vertical tap, reused as the rows move down. */
    static final class Cache {
      final float[][] rows;
      final int[] held;

      Cache(int taps, int width) {
        rows = new float[taps][width];
        held = new int[taps];
        java.util.Arrays.fill(held, -1);
      }
    }

    Cache cache() {
      return new Cache(wy.taps, wx.first.length);
    }

    static Layer whole(ProbabilityMap map, int outWidth, int outHeight) {
      return new Layer(map, 0, 0, ResampleWeights.of(0, map.width(), map.width(), outWidth),
          ResampleWeights.of(0, map.height(), map.height(), outHeight), null, null);
    }

    /**
     * The map over {@code crop} of a working image, on an output grid of another size: output pixel i covers
     * working pixels [i / s, (i + 1) / s) with s = out / work, and belongs to the crop when its centre's nearest
     * working pixel does.
     */
    static Layer crop(ProbabilityMap map, Region crop, int workWidth, int workHeight, int outWidth, int outHeight) {
      double sx = (double) outWidth / workWidth;
      double sy = (double) outHeight / workHeight;
      int x0 = firstCovered(crop.x(), sx);
      int x1 = firstCovered(crop.x() + crop.width(), sx);
      int y0 = firstCovered(crop.y(), sy);
      int y1 = firstCovered(crop.y() + crop.height(), sy);
      int feather = Math.max(1, (int) Math.round(Math.min(crop.width(), crop.height()) * FEATHER));
      boolean left = crop.x() > 0;
      boolean top = crop.y() > 0;
      boolean right = crop.x() + crop.width() < workWidth;
      boolean bottom = crop.y() + crop.height() < workHeight;
      return new Layer(map, x0, y0, axis(map.width(), crop.x(), crop.width(), sx, x0, x1),
          axis(map.height(), crop.y(), crop.height(), sy, y0, y1),
          feather(x0, x1, crop.x(), crop.width(), sx, left, right, feather),
          feather(y0, y1, crop.y(), crop.height(), sy, top, bottom, feather));
    }

    /** The first output index whose centre's nearest working pixel is at or after working pixel {@code w}. */
    private static int firstCovered(int w, double scale) {
      return (int) Math.ceil(w * scale - 0.5);
    }

    /** Weights from the map to output indices [o0, o1), which cover {@code length} working pixels from start. */
    private static ResampleWeights axis(int mapLength, int start, int length, double scale, int o0, int o1) {
      double perWorking = (double) mapLength / length;
      return ResampleWeights.along((o0 / scale - start) * perWorking, perWorking / scale, mapLength,
          Math.max(0, o1 - o0));
    }

    /** The cross-fade weight of each output index in [o0, o1): 1 deep inside, falling to 0 at interior edges. */
    private static float[] feather(int o0, int o1, int start, int length, double scale, boolean before,
        boolean after, int feather) {
      float[] k = new float[Math.max(0, o1 - o0)];
      for (int i = 0; i < k.length; i++) {
        // Distance in working pixels from the crop's first pixel; a whole number when scale is 1.
        float d = (float) ((o0 + i + 0.5) / scale - 0.5 - start);
        k[i] = Math.min(ramp(before, d, feather), ramp(after, length - 1 - d, feather));
      }
      return k;
    }

    private static float ramp(boolean inside, float distance, int feather) {
      return inside ? Math.min(1f, (distance + 0.5f) / feather) : 1f;
    }

    int columns() {
      return wx.first.length;
    }

    boolean coversRow(int y) {
      return y >= y0 && y < y0 + wy.first.length;
    }

    float featherY(int y) {
      return featherY[y - y0];
    }

    /** Output row y (of the covered span) into {@code out}: vertical taps over horizontally resampled rows. */
    void row(int y, float[] out, Cache cache) {
      int r = y - y0;
      int w = wx.first.length;
      if (wy.taps == 2) { // enlarging, the usual case: one pass (the same sums as the general loop below)
        float k0 = wy.weights[2 * r];
        float k1 = wy.weights[2 * r + 1];
        float[] h0 = horizontal(wy.first[r], cache);
        float[] h1 = k1 != 0 ? horizontal(wy.first[r] + 1, cache) : h0;
        for (int x = 0; x < w; x++) {
          out[x] = k0 * h0[x] + k1 * h1[x];
        }
        return;
      }
      java.util.Arrays.fill(out, 0, w, 0f);
      for (int t = 0; t < wy.taps; t++) {
        float k = wy.weights[r * wy.taps + t];
        if (k != 0) {
          float[] h = horizontal(wy.first[r] + t, cache);
          for (int x = 0; x < w; x++) {
            out[x] += k * h[x];
          }
        }
      }
    }

    /** Map row {@code mapRow} resampled to the covered columns, computed once while the rows need it. */
    private float[] horizontal(int mapRow, Cache cache) {
      int slot = mapRow % cache.rows.length;
      float[] h = cache.rows[slot];
      if (cache.held[slot] == mapRow) {
        return h;
      }
      int base = mapRow * mapWidth;
      if (wx.taps == 2) { // enlarging: two neighbours, the second weight 0 at the map's last column
        int last = base + mapWidth - 1;
        for (int x = 0; x < h.length; x++) {
          int src = base + wx.first[x];
          h[x] = wx.weights[2 * x] * map[src] + wx.weights[2 * x + 1] * map[Math.min(src + 1, last)];
        }
      } else {
        for (int x = 0; x < h.length; x++) {
          float v = 0;
          int src = base + wx.first[x];
          for (int t = 0; t < wx.taps; t++) {
            float k = wx.weights[x * wx.taps + t];
            if (k != 0) {
              v += k * map[src + t];
            }
          }
          h[x] = v;
        }
      }
      cache.held[slot] = mapRow;
      return h;
    }
  }
}
