package io.humanseg.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * The groups of people in a first-pass map, each to get its own second-pass crop: the boxes of connected
 * foreground, merged while their crops would touch, so that one person (or a huddle) is one crop and only people
 * standing apart are looked at separately. One group when everybody is together: its crop is then exactly the
 * crop around all foreground, the single box of {@link SubjectBox#find}.
 */
final class SubjectClusters {
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
    List<Region> boxes = new ArrayList<>();
    for (int[] b : components(map, threshold)) {
      boxes.add(SubjectBox.toImage(b[0], b[1], b[2], b[3], map, region));
    }
    while (true) {
      mergeTouching(boxes, margin, imageWidth, imageHeight);
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
   * Bounding boxes {left, top, right, bottom} (right and bottom exclusive) of the 8-connected components of map
   * pixels at or above the threshold, labelled in one pass with union-find over the previous row.
   */
  static List<int[]> components(ProbabilityMap map, float threshold) {
    int w = map.width();
    int h = map.height();
    float[] p = map.values();
    int[] parent = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (!(p[i] >= threshold)) {
          parent[i] = -1;
          continue;
        }
        parent[i] = i;
        if (x > 0 && parent[i - 1] >= 0) {
          union(parent, i, i - 1);
        }
        if (y > 0) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            if (nx >= 0 && nx < w && parent[i - w + dx] >= 0) {
              union(parent, i, i - w + dx);
            }
          }
        }
      }
    }
    int[] slot = new int[w * h];
    List<int[]> boxes = new ArrayList<>();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (parent[i] < 0) {
          continue;
        }
        int root = find(parent, i);
        if (slot[root] == 0) {
          boxes.add(new int[] {x, y, x + 1, y + 1});
          slot[root] = boxes.size();
        }
        int[] b = boxes.get(slot[root] - 1);
        b[0] = Math.min(b[0], x);
        b[2] = Math.max(b[2], x + 1);
        b[3] = y + 1;
      }
    }
    return boxes;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  /** Merges boxes whose crops overlap, until none do. */
  private static void mergeTouching(List<Region> boxes, double margin, int imageWidth, int imageHeight) {
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
