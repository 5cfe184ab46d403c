package io.humanseg.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The groups of people in a first-pass map, each to get its own second-pass crop: the boxes of connected
 * foreground, merged while their crops overlap, so that one person (or a huddle) is one crop and only people
 * standing apart are looked at separately. One group when everybody is together: its crop is then exactly the
 * crop around the bounding box of that foreground. Specks (components much smaller than the largest) get no crop
 * of their own: a model run on a few stray pixels, stretched to the model's input, finds nothing worth its cost.
 */
final class SubjectClusters {
  /**
   * Components with fewer pixels than this share of the largest one's are specks. From 0.03 to 0.2 the dev sets
   * scored the same, and better than with every speck cropped (QUALITY.md); 0.05 keeps a crop for a far person a
   * twentieth the size of the nearest.
   */
  static final double SPECK = 0.05;
  /**
   * The most components merged into groups, the largest ones: merging is quadratic in their number, and a
   * speckled map (a halftone, a pattern) can have thousands.
   */
  static final int MAX_COMPONENTS = 64;

  private SubjectClusters() {}

  /**
   * Second-pass crops, in image coordinates, none overlapping another, at most {@code maxCrops}: when there are
   * more groups, the two whose joint box adds the least area are merged first. Empty when nothing is
   * foreground.
   *
   * @param map the first pass's map over {@code region}
   * @param threshold probability at which a map pixel is foreground
   * @param margin crop margin, as in {@link SubjectBox#crop}
   */
  static List<Region> crops(ProbabilityMap map, Region region, float threshold, double margin, int imageWidth,
      int imageHeight, int maxCrops) {
    List<int[]> components = components(map, threshold);
    int largest = components.stream().mapToInt(c -> c[4]).max().orElse(0);
    components.removeIf(c -> c[4] < SPECK * largest);
    if (components.size() > MAX_COMPONENTS) { // keep the largest, in the order they were met
      List<int[]> bySize = new ArrayList<>(components);
      bySize.sort((x, y) -> Integer.compare(y[4], x[4]));
      Set<int[]> kept = Collections.newSetFromMap(new IdentityHashMap<>());
      kept.addAll(bySize.subList(0, MAX_COMPONENTS));
      components.removeIf(c -> !kept.contains(c));
    }
    List<Region> boxes = new ArrayList<>();
    for (int[] c : components) {
      boxes.add(SubjectBox.toImage(c[0], c[1], c[2], c[3], map, region));
    }
    while (true) {
      mergeOverlapping(boxes, margin, imageWidth, imageHeight);
      if (boxes.size() <= maxCrops) {
        break;
      }
      mergeCheapestPair(boxes);
    }
    List<Region> crops = new ArrayList<>(boxes.size());
    for (Region box : boxes) {
      crops.add(SubjectBox.crop(box, margin, imageWidth, imageHeight));
    }
    return crops;
  }

  /**
   * Bounding boxes {left, top, right, bottom, pixels} (right and bottom exclusive) of the 8-connected components
   * of map pixels at or above the threshold, in the order first met row by row. Labels runs of foreground, not pixels
   * (union-find over runs that touch a run of the row above), so the cost is one scan of the map plus a little
   * per run: about what finding the single box costs.
   */
  static List<int[]> components(ProbabilityMap map, float threshold) {
    int w = map.width();
    int h = map.height();
    float[] p = map.values();
    Runs runs = new Runs();
    int previousStart = 0;
    for (int y = 0; y < h; y++) {
      int rowStart = runs.count;
      int row = y * w;
      for (int x = 0; x < w; x++) {
        if (p[row + x] >= threshold) {
          int x0 = x;
          while (x + 1 < w && p[row + x + 1] >= threshold) {
            x++;
          }
          runs.add(x0, x + 1, y);
        }
      }
      // Runs of this row and the one above touch when they overlap once widened by a pixel (diagonal neighbours).
      int above = previousStart;
      for (int r = rowStart; r < runs.count; r++) {
        while (above < rowStart && runs.x1[above] < runs.x0[r]) {
          above++;
        }
        for (int q = above; q < rowStart && runs.x0[q] <= runs.x1[r]; q++) {
          runs.union(r, q);
        }
      }
      previousStart = rowStart;
    }
    int[] slot = new int[runs.count];
    List<int[]> boxes = new ArrayList<>();
    for (int r = 0; r < runs.count; r++) {
      int root = runs.find(r);
      if (slot[root] == 0) {
        boxes.add(new int[] {runs.x0[r], runs.y[r], runs.x1[r], runs.y[r] + 1, 0});
        slot[root] = boxes.size();
      }
      int[] b = boxes.get(slot[root] - 1);
      b[0] = Math.min(b[0], runs.x0[r]);
      b[2] = Math.max(b[2], runs.x1[r]);
      b[3] = runs.y[r] + 1;
      b[4] += runs.x1[r] - runs.x0[r];
    }
    return boxes;
  }

  /** Horizontal runs of foreground [x0, x1) on row y, with a union-find forest over them. */
  private static final class Runs {
    int count;
    int[] x0 = new int[64];
    int[] x1 = new int[64];
    int[] y = new int[64];
    int[] parent = new int[64];

    void add(int from, int to, int row) {
      if (count == x0.length) {
        x0 = Arrays.copyOf(x0, 2 * count);
        x1 = Arrays.copyOf(x1, 2 * count);
        y = Arrays.copyOf(y, 2 * count);
        parent = Arrays.copyOf(parent, 2 * count);
      }
      x0[count] = from;
      x1[count] = to;
      y[count] = row;
      parent[count] = count;
      count++;
    }

    int find(int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    void union(int a, int b) {
      int ra = find(a);
      int rb = find(b);
      if (ra != rb) {
        parent[Math.max(ra, rb)] = Math.min(ra, rb); // the root is the run met first
      }
    }
  }

  /** Merges boxes whose crops overlap, until none do. */
  private static void mergeOverlapping(List<Region> boxes, double margin, int imageWidth, int imageHeight) {
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int i = 0; i < boxes.size() && !merged; i++) {
        Region ci = SubjectBox.crop(boxes.get(i), margin, imageWidth, imageHeight);
        for (int j = i + 1; j < boxes.size(); j++) {
          if (overlap(ci, SubjectBox.crop(boxes.get(j), margin, imageWidth, imageHeight))) {
            boxes.set(i, span(boxes.get(i), boxes.remove(j)));
            merged = true;
            break;
          }
        }
      }
    }
  }

  private static void mergeCheapestPair(List<Region> boxes) {
    int bestI = 0;
    int bestJ = 1;
    long bestCost = Long.MAX_VALUE;
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        long cost = span(boxes.get(i), boxes.get(j)).area() - boxes.get(i).area() - boxes.get(j).area();
        if (cost < bestCost) {
          bestCost = cost;
          bestI = i;
          bestJ = j;
        }
      }
    }
    boxes.set(bestI, span(boxes.get(bestI), boxes.remove(bestJ)));
  }

  static boolean overlap(Region a, Region b) {
    return a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
        && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
  }

  /** The smallest region holding both. */
  static Region span(Region a, Region b) {
    int x0 = Math.min(a.x(), b.x());
    int y0 = Math.min(a.y(), b.y());
    int x1 = Math.max(a.x() + a.width(), b.x() + b.width());
    int y1 = Math.max(a.y() + a.height(), b.y() + b.height());
    return new Region(x0, y0, x1 - x0, y1 - y0);
  }
}
