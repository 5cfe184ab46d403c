package io.humanseg.segment;

import io.humanseg.image.AlphaMask;
import io.humanseg.parallel.Bands;
import java.util.List;

/**
 * The person probability on any grid, straight from the model's maps: the first pass's map over the whole
 * working image, and the second pass's map over its crop, cross-faded in near the crop's edges that lie inside
 * the image so that no seam shows. Each map is resampled once, directly to the output grid, row by row: no
 * canvas at working size and no full-size float map exist. A 1080p alpha costs the output bytes plus a few
 * rows of floats (the postprocess stage was 16 ms and 20 MB per 1080p request when both maps were first drawn
 * on a working canvas and that canvas was then enlarged). Where a row's alpha is certainly 0 or 255, its bytes
 * are filled rather than computed ({@link AlphaRuns}), with the same result: most of a mask is such runs.
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
  /** Maps over crops, pasted in order over the first: the second pass's (one per group), or a finer search's tiles. */
  private final Layer[] crops;

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
    // Each band counts its person pixels (alpha >= 128) as it goes: the runs say it for the filled ones.
    List<Long> person = Bands.run(bands, band -> {
      Rows rows = new Rows();
      long count = 0;
      for (int y = Bands.start(band, bands, outHeight), end = Bands.start(band + 1, bands, outHeight); y < end;
          y++) {
        int out = y * outWidth;
        AlphaRuns runs = rows.runs(y);
        for (int i = 0; i < runs.count; i++) {
          int from = runs.start[i];
          int to = runs.end[i];
          if (runs.kind[i] == AlphaRuns.NONE) {
            continue; // the array is all 0 already
          }
          if (runs.kind[i] == AlphaRuns.FULL) {
            java.util.Arrays.fill(alpha, out + from, out + to, (byte) 255);
            count += to - from;
            continue;
          }
          float[] row = rows.row(y, from, to);
          for (int x = from; x < to; x++) {
            // Maps and weights keep values in [0, 1] (up to rounding), so no clamp; this is Math.round for
            // values in [0, 255] but for 0.49999997f, in a third of its time.
            int a = (int) (row[x] * 255f + 0.5f);
            alpha[out + x] = (byte) a;
            count += (a & 0x80) >>> 7; // alpha >= 128, branch-free (the byte's top bit)
          }
        }
      }
      return count;
    });
    long total = person.stream().mapToLong(Long::longValue).sum();
    return new Alpha(new AlphaMask(outWidth, outHeight, alpha), (double) total / alpha.length);
  }

  /** The composed map as floats (the guided filter's input). */
  float[] toFloats() {
    float[] canvas = new float[outWidth * outHeight];
    Rows rows = new Rows();
    for (int y = 0; y < outHeight; y++) {
      System.arraycopy(rows.row(y, 0, outWidth), 0, canvas, y * outWidth, outWidth);
    }
    return canvas;
  }

  /** Composes rows one after another; each band of rows has its own. */
  private final class Rows {
    private final float[] firstRow = new float[outWidth];
    private final Layer.Cache firstCache = first.cache();
    private final float[][] cropRows = new float[crops.length][];
    private final Layer.Cache[] cropCaches = new Layer.Cache[crops.length];

    private AlphaRuns composed = new AlphaRuns();
    private AlphaRuns spare = new AlphaRuns();
    private final AlphaRuns layerRuns = new AlphaRuns();
    private final AlphaRuns scratch = new AlphaRuns();

    Rows() {
      for (int i = 0; i < crops.length; i++) {
        cropRows[i] = new float[crops[i].columns()];
        cropCaches[i] = crops[i].cache();
      }
    }

    /**
     * Columns [from, to) of row y of the composed map, in the array's same columns; the array and its other
     * columns are reused by the next call.
     */
    float[] row(int y, int from, int to) {
      first.row(y, firstRow, firstCache, from, to);
      for (int c = 0; c < crops.length; c++) {
        Layer crop = crops[c];
        int x0 = crop.x0;
        int lo = Math.max(from - x0, 0);
        int hi = Math.min(to - x0, crop.columns());
        if (crop.coversRow(y) && lo < hi) {
          float[] row = cropRows[c];
          crop.row(y, row, cropCaches[c], lo, hi);
          float fy = crop.featherY(y);
          for (int i = lo; i < hi; i++) {
            float k = Math.min(fy, crop.featherX[i]);
            firstRow[x0 + i] = k * row[i] + (1 - k) * firstRow[x0 + i];
          }
        }
      }
      return firstRow;
    }

    /**
     * Which columns of row y are certainly 0 or 255 in alpha, and which must be computed: a weighted mean of
     * values that all round to 0 (or all to 255) rounds the same, and every layer's row and every cross-fade is
     * such a mean. Most of a mask is certain, so most of its bytes are filled, not computed.
     */
    AlphaRuns runs(int y) {
      first.rowRuns(y, firstCache, composed, scratch);
      for (int c = 0; c < crops.length; c++) {
        Layer crop = crops[c];
        if (crop.coversRow(y) && crop.columns() > 0) {
          crop.rowRuns(y, cropCaches[c], layerRuns, scratch);
          AlphaRuns.overlay(composed, layerRuns, crop.x0, spare);
          AlphaRuns swap = composed;
          composed = spare;
          spare = swap;
        }
      }
      return composed;
    }
  }

  /** An alpha mask and the share of its pixels that count as person. */
  record Alpha(AlphaMask mask, double foregroundShare) {}

  /** One map placed on the output grid: its resampling weights and the rows it has resampled horizontally. */
  private static final class Layer {
    /** See {@link #certain}: 256 terms stray by at most about 1.5e-5 of the mean, under the 3.9e-5 margin. */
    static final int MAX_CERTAIN_TAPS = 256;

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
    /**
     * Columns, and rows, whose weights do not sum to 1 (a grid reaching past the map's edge keeps only what
     * exists): their values are not means of the map's, so they are always computed.
     */
    private final AlphaRuns partialColumns;
    private final boolean[] partialRows;
    /**
     * Whether its rows may have certain runs at all: a float sum of n terms may stray from the true mean by about
     * n units in the last place, and past {@link #MAX_CERTAIN_TAPS} that exceeds the cut-offs' margin (a map
     * thousands of pixels wide shrunk to a few).
     */
    private final boolean certain;

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
      this.partialColumns = new AlphaRuns();
      boolean[] partialX = partial(wx);
      for (int x = 0; x < partialX.length; x++) {
        if (partialX[x]) {
          partialColumns.add(x, x + 1, AlphaRuns.SOME);
        }
      }
      this.partialRows = partial(wy);
      this.certain = wx.taps <= MAX_CERTAIN_TAPS && wy.taps <= MAX_CERTAIN_TAPS;
    }

    /** Which target indices' weights sum to other than 1 (beyond what float rounding does). */
    private static boolean[] partial(ResampleWeights w) {
      boolean[] partial = new boolean[w.first.length];
      for (int d = 0; d < partial.length; d++) {
        double sum = 0;
        for (int t = 0; t < w.taps; t++) {
          sum += w.weights[d * w.taps + t];
        }
        partial[d] = !(Math.abs(sum - 1) <= 1e-5);
      }
      return partial;
    }

    /**
     * Horizontally resampled map rows, one slot per vertical tap, reused as the rows move down. A slot's values
     * are computed column by column when a row asks for them ({@code stamp} says which map row a column holds),
     * so the columns where alpha is certain are never resampled.
     */
    static final class Cache {
      final float[][] rows;
      final int[][] stamp;
      final AlphaRuns[] runs;
      final int[] held;
      final AlphaRuns mapRuns = new AlphaRuns();

      Cache(int taps, int width) {
        rows = new float[taps][width];
        stamp = new int[taps][width];
        runs = new AlphaRuns[taps];
        for (int t = 0; t < taps; t++) {
          java.util.Arrays.fill(stamp[t], -1);
          runs[t] = new AlphaRuns();
        }
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

    /**
     * Columns [from, to) of output row y (of the covered span) into {@code out}: vertical taps over horizontally
     * resampled rows.
     */
    void row(int y, float[] out, Cache cache, int from, int to) {
      int r = y - y0;
      if (wy.taps == 2) { // enlarging, the usual case: one pass (the same sums as the general loop below)
        float k0 = wy.weights[2 * r];
        float k1 = wy.weights[2 * r + 1];
        float[] h0 = horizontal(wy.first[r], cache, from, to);
        float[] h1 = k1 != 0 ? horizontal(wy.first[r] + 1, cache, from, to) : h0;
        for (int x = from; x < to; x++) {
          out[x] = k0 * h0[x] + k1 * h1[x];
        }
        return;
      }
      java.util.Arrays.fill(out, from, to, 0f);
      for (int t = 0; t < wy.taps; t++) {
        float k = wy.weights[r * wy.taps + t];
        if (k != 0) {
          float[] h = horizontal(wy.first[r] + t, cache, from, to);
          for (int x = from; x < to; x++) {
            out[x] += k * h[x];
          }
        }
      }
    }

    /** The runs of output row y: what the rows its taps read agree on ({@link AlphaRuns}); {@code tmp} is scratch. */
    void rowRuns(int y, Cache cache, AlphaRuns out, AlphaRuns tmp) {
      int r = y - y0;
      out.clear();
      if (partialRows[r] || !certain) { // also a row with no weight at all
        out.add(0, wx.first.length, AlphaRuns.SOME);
        return;
      }
      boolean any = false;
      for (int t = 0; t < wy.taps; t++) {
        // The taps row() reads: the first always when there are two (0 times NaN is NaN), else those weighed.
        if (wy.weights[r * wy.taps + t] != 0 || wy.taps == 2 && t == 0) {
          AlphaRuns runs = runs(wy.first[r] + t, cache);
          if (!any) {
            copy(runs, out);
            any = true;
          } else {
            AlphaRuns.overlay(out, runs, 0, tmp);
            copy(tmp, out);
          }
        }
      }
      if (partialColumns.count > 0) {
        AlphaRuns.overlay(out, partialColumns, 0, tmp);
        copy(tmp, out);
      }
    }

    private static void copy(AlphaRuns from, AlphaRuns to) {
      to.clear();
      for (int i = 0; i < from.count; i++) {
        to.add(from.start[i], from.end[i], from.kind[i]);
      }
    }

    /** The slot of map row {@code mapRow}, taken over for it (its runs computed) if it held another row. */
    private int slot(int mapRow, Cache cache) {
      int slot = mapRow % cache.rows.length;
      if (cache.held[slot] != mapRow) {
        cache.held[slot] = mapRow;
        columnRuns(mapRow, cache.mapRuns, cache.runs[slot]);
      }
      return slot;
    }

    /** The runs of map row {@code mapRow} resampled to the covered columns. */
    private AlphaRuns runs(int mapRow, Cache cache) {
      return cache.runs[slot(mapRow, cache)];
    }

    /**
     * Map row {@code mapRow} resampled to the covered columns, computed for [from, to) where not done yet (each
     * column once while the rows need it).
     */
    private float[] horizontal(int mapRow, Cache cache, int from, int to) {
      int slot = slot(mapRow, cache);
      float[] h = cache.rows[slot];
      int[] stamp = cache.stamp[slot];
      int base = mapRow * mapWidth;
      if (wx.taps == 2) { // enlarging: two neighbours, the second weight 0 at the map's last column
        int last = base + mapWidth - 1;
        for (int x = from; x < to; x++) {
          if (stamp[x] != mapRow) {
            int src = base + wx.first[x];
            h[x] = wx.weights[2 * x] * map[src] + wx.weights[2 * x + 1] * map[Math.min(src + 1, last)];
            stamp[x] = mapRow;
          }
        }
      } else {
        for (int x = from; x < to; x++) {
          if (stamp[x] != mapRow) {
            float v = 0;
            int src = base + wx.first[x];
            for (int t = 0; t < wx.taps; t++) {
              float k = wx.weights[x * wx.taps + t];
              if (k != 0) {
                v += k * map[src + t];
              }
            }
            h[x] = v;
            stamp[x] = mapRow;
          }
        }
      }
      return h;
    }

    /**
     * The runs of a map row on the covered columns, from the kinds of its own pixels: a column whose taps all
     * read pixels of one run has that run's kind (a weighted mean of them); a column reading across two runs is
     * to be computed. {@code first} only grows along the row, so each run's columns are found by binary search.
     */
    private void columnRuns(int mapRow, AlphaRuns mapRuns, AlphaRuns out) {
      mapRuns.of(map, mapRow * mapWidth, mapWidth);
      out.clear();
      int[] first = wx.first;
      int x = 0;
      for (int i = 0; i < mapRuns.count; i++) {
        int runEnd = lowerBound(first, mapRuns.end[i]);
        // Columns whose last tap (first + taps - 1) is still inside the run: first <= end - taps.
        int certainEnd = Math.max(x, Math.min(runEnd, lowerBound(first, mapRuns.end[i] - wx.taps + 1)));
        out.add(x, certainEnd, mapRuns.kind[i]);
        out.add(certainEnd, runEnd, AlphaRuns.SOME);
        x = runEnd;
      }
    }

    /** The first index whose value is at least {@code value}, in a non-decreasing array. */
    private static int lowerBound(int[] values, int value) {
      int lo = 0;
      int hi = values.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (values[mid] < value) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
