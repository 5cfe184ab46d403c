package io.humanseg.encode;

import java.util.Arrays;

/** Deflate's Huffman codes (RFC 1951, 3.2.2): code lengths from symbol counts, at most a given length. */
final class Huffman {
  private Huffman() {}

  /**
   * Code lengths for the symbols counted, none over {@code maxBits}; unused symbols get 0. Built as a Huffman
   * tree; when it is too deep, the counts are halved (keeping every used symbol at 1 or more) and it is built
   * again, which flattens it. A lone symbol gets a partner of length 1 so that the code is complete.
   */
  static void lengths(int[] counts, int maxBits, int[] lengths) {
    int n = counts.length;
    Arrays.fill(lengths, 0, n, 0);
    long[] weight = new long[n];
    int used = 0;
    int lone = -1;
    for (int s = 0; s < n; s++) {
      if (counts[s] > 0) {
        weight[s] = counts[s];
        used++;
        lone = s;
      }
    }
    if (used == 0) {
      return;
    }
    if (used == 1) {
      lengths[lone] = 1;
      lengths[lone == 0 ? 1 : 0] = 1;
      return;
    }
    while (!build(weight, maxBits, lengths)) {
      for (int s = 0; s < n; s++) {
        if (weight[s] > 0) {
          weight[s] = (weight[s] + 1) / 2;
        }
      }
    }
  }

  /**
   * One Huffman tree over the symbols of positive weight (at least two); false (lengths unset) when deeper than
   * maxBits. Leaves sorted by weight and internal nodes, which are made in order of weight, are merged as two
   * queues: no priority queue needed.
   */
  private static boolean build(long[] weight, int maxBits, int[] lengths) {
    int m = 0;
    long[] leaves = new long[weight.length];
    for (int s = 0; s < weight.length; s++) {
      if (weight[s] > 0) {
        leaves[m++] = weight[s] << 9 | s; // weight, then symbol (< 512) as the tie-break
      }
    }
    Arrays.sort(leaves, 0, m);
    long[] nodeWeight = new long[2 * m - 1];
    int[] parent = new int[2 * m - 1];
    for (int i = 0; i < m; i++) {
      nodeWeight[i] = leaves[i] >>> 9;
    }
    int leaf = 0;
    int internal = m;
    for (int next = m; next < 2 * m - 1; next++) {
      int a = leaf < m && (internal >= next || nodeWeight[leaf] <= nodeWeight[internal]) ? leaf++ : internal++;
      int b = leaf < m && (internal >= next || nodeWeight[leaf] <= nodeWeight[internal]) ? leaf++ : internal++;
      nodeWeight[next] = nodeWeight[a] + nodeWeight[b];
      parent[a] = next;
      parent[b] = next;
    }
    int[] depth = new int[2 * m - 1];
    for (int node = 2 * m - 3; node >= 0; node--) { // parents come after their children
      depth[node] = depth[parent[node]] + 1;
    }
    for (int i = 0; i < m; i++) {
      if (depth[i] > maxBits) {
        return false;
      }
    }
    for (int i = 0; i < m; i++) {
      lengths[(int) (leaves[i] & 511)] = depth[i];
    }
    return true;
  }

  /** The canonical codes for these lengths, bit-reversed as deflate writes them (first bit lowest). */
  static void codes(int[] lengths, int[] codes) {
    int max = 0;
    for (int len : lengths) {
      max = Math.max(max, len);
    }
    int[] perLength = new int[max + 1];
    for (int len : lengths) {
      if (len > 0) {
        perLength[len]++;
      }
    }
    int[] nextCode = new int[max + 2];
    int code = 0;
    for (int bits = 1; bits <= max; bits++) {
      code = (code + perLength[bits - 1]) << 1;
      nextCode[bits] = code;
    }
    for (int s = 0; s < lengths.length; s++) {
      int len = lengths[s];
      codes[s] = len == 0 ? 0 : Integer.reverse(nextCode[len]++) >>> (32 - len);
    }
  }
}
