package io.humanseg.encode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Deflate (RFC 1951) for filtered mask rows, built for speed: each run of one byte value becomes that byte as a
 * literal and copies of it at distance 1 (zlib's Z_RLE strategy), so there is no match search. Each chunk is one
 * block with Huffman codes built for it: one scan turns the chunk into tokens and counts them, then the tokens
 * are written with the codes. Masks are mostly runs (after the Up filter most rows are all zeros), which the
 * scan crosses eight bytes at a time, and the Adler-32 of a run comes from its length and value in a few
 * operations. On a 1080p mask zlib's level 1 spent
 * 3.8 ms deflating and Adler-32 0.6 ms more; see BENCHMARKS.md "Speed" for this one's figures.
 *
 * <p>One instance deflates one stream piece (a band of rows) into a growing buffer; pieces are joined as in
 * {@link PngEncoder}: all but the last end on a byte boundary after an empty stored block.
 */
final class RunDeflater {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int ADLER_BASE = 65521;
  private static final int ADLER_DEFER = 1000;
  private static final int MAX_COPY = 258;
  private static final int END_OF_BLOCK = 256;
  private static final int SYMBOLS = 286;
  /** Length symbol (257..285) and extra bits for each copy length 3..258 (RFC 1951, 3.2.5). */
  private static final int[] COPY_SYMBOL = new int[MAX_COPY + 1];
  private static final int[] COPY_EXTRA_BITS = new int[MAX_COPY + 1];
  private static final int[] COPY_EXTRA = new int[MAX_COPY + 1];
  /** The order in which the code-length code's lengths are written. */
  private static final int[] LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

  static {
    int[] base = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
        163, 195, 227, 258};
    int[] extra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    for (int length = 3; length <= MAX_COPY; length++) {
      int i = base.length - 1;
      while (base[i] > length) {
        i--;
      }
      COPY_SYMBOL[length] = 257 + i;
      COPY_EXTRA_BITS[length] = extra[i];
      COPY_EXTRA[length] = length - base[i];
    }
  }

  private byte[] out;
  private int size;
  private long bitBuffer;
  private int bitCount;
  private long adlerA = 1;
  private long adlerB;
  private int deferred;
  /** The current block's symbol counts, then its codes (bit-reversed) and code lengths. */
  private final int[] counts = new int[SYMBOLS];
  private final int[] codes = new int[SYMBOLS];
  private final int[] lengths = new int[SYMBOLS];
  /** The current block's tokens (see {@link #scan}), kept for the second, writing pass. */
  private int[] tokens;
  private int tokenCount;

  /**
   * @param capacity the output expected, in bytes
   * @param tokens a token buffer to use (it grows as needed; {@link #tokens()} gives the one in use)
   */
  RunDeflater(int capacity, int[] tokens) {
    out = new byte[Math.max(64, capacity)];
    this.tokens = tokens.length > 0 ? tokens : new int[1024];
  }

  int[] tokens() {
    return tokens;
  }

  /** Deflates {@code data[from, to)} as one block, the stream's final block when {@code last}. */
  void block(byte[] data, int from, int to, boolean last) {
    java.util.Arrays.fill(counts, 0);
    tokenCount = 0;
    scan(data, from, to);
    counts[END_OF_BLOCK]++;
    Huffman.lengths(counts, 15, lengths);
    Huffman.codes(lengths, codes);
    put(last ? 1 : 0, 1);
    put(2, 2); // BTYPE 10: dynamic codes
    writeCodeLengths();
    for (int k = 0; k < tokenCount; k++) {
      int token = tokens[k];
      int symbol = token & 511;
      put(codes[symbol], lengths[symbol]);
      if (symbol > END_OF_BLOCK) {
        put(token >>> 14, (token >>> 9) & 31);
      }
    }
    put(codes[END_OF_BLOCK], lengths[END_OF_BLOCK]);
  }

  /**
   * Ends the piece: after the final block pads to a byte; otherwise adds an empty stored block, which aligns to
   * a byte so that the next piece can follow.
   */
  void finish(boolean last) {
    if (!last) {
      put(0, 3); // BFINAL 0, BTYPE 00: stored
      align();
      put(0xffff0000L, 32); // LEN 0, NLEN ffff
    }
    align();
    while (bitCount > 0) {
      ensure(1);
      out[size++] = (byte) bitBuffer;
      bitBuffer >>>= 8;
      bitCount -= 8;
    }
    bitCount = 0;
  }

  byte[] bytes() {
    return out;
  }

  int size() {
    return size;
  }

  /** The Adler-32 of all bytes written. */
  long adler() {
    reduceAdler();
    return adlerB << 16 | adlerA;
  }

  /**
   * The data as tokens, counted, and added to the Adler-32: each run is its byte as a literal and copies at
   * distance 1 (the copy lengths split so that none is under 3); a run too short for a copy is literals. A token
   * is its symbol (9 bits), then for a copy how many bits follow it (5 bits: the length's extra bits and the
   * distance code, 0 in one bit) and their value.
   */
  private void scan(byte[] data, int from, int to) {
    int i = from;
    while (i < to) {
      byte v = data[i];
      int end = runEnd(data, i + 1, to, v);
      int literal = v & 0xff;
      int run = end - i;
      adlerRun(literal, run);
      token(literal);
      int copies = run - 1;
      while (copies >= 3) {
        int n = Math.min(copies, MAX_COPY);
        if (copies - n == 1 || copies - n == 2) {
          n -= 3; // a copy of at least 3 rather than 1 or 2 literals after it (n stays >= 255)
        }
        // The extra bits, then distance code 0 (distance 1): one 0 bit above them.
        token(COPY_SYMBOL[n] | (COPY_EXTRA_BITS[n] + 1) << 9 | COPY_EXTRA[n] << 14);
        copies -= n;
      }
      for (; copies > 0; copies--) {
        token(literal);
      }
      i = end;
    }
  }

  private void token(int token) {
    if (tokenCount == tokens.length) {
      tokens = java.util.Arrays.copyOf(tokens, tokens.length * 2);
    }
    tokens[tokenCount++] = token;
    counts[token & 511]++;
  }

  /**
   * The block header after BTYPE: how many literal/length and distance codes there are, the code-length code,
   * and the code lengths themselves, run-length coded (symbols 16, 17, 18). Two distance codes of one bit make a
   * complete code; only code 0 (distance 1) is used.
   */
  private void writeCodeLengths() {
    int literalCodes = SYMBOLS;
    while (literalCodes > 257 && lengths[literalCodes - 1] == 0) {
      literalCodes--;
    }
    int[] all = new int[literalCodes + 2];
    System.arraycopy(lengths, 0, all, 0, literalCodes);
    all[literalCodes] = 1;
    all[literalCodes + 1] = 1;
    // Run-length code the lengths: pairs of (symbol 0..18, extra value).
    int[] symbols = new int[all.length];
    int[] extras = new int[all.length];
    int count = 0;
    int[] lengthCounts = new int[19];
    for (int i = 0; i < all.length;) {
      int v = all[i];
      int run = 1;
      while (i + run < all.length && all[i + run] == v) {
        run++;
      }
      if (v == 0 && run >= 3) {
        int n = Math.min(run, 138);
        symbols[count] = n >= 11 ? 18 : 17;
        extras[count++] = n >= 11 ? n - 11 : n - 3;
        i += n;
      } else if (v != 0 && run >= 4) {
        symbols[count] = v;
        extras[count++] = 0;
        int n = Math.min(run - 1, 6);
        symbols[count] = 16;
        extras[count++] = n - 3;
        i += 1 + n;
      } else {
        symbols[count] = v;
        extras[count++] = 0;
        i++;
      }
    }
    for (int k = 0; k < count; k++) {
      lengthCounts[symbols[k]]++;
    }
    int[] lengthLengths = new int[19];
    int[] lengthCodes = new int[19];
    Huffman.lengths(lengthCounts, 7, lengthLengths);
    Huffman.codes(lengthLengths, lengthCodes);
    int written = 19;
    while (written > 4 && lengthLengths[LENGTH_ORDER[written - 1]] == 0) {
      written--;
    }
    put(literalCodes - 257, 5);
    put(2 - 1, 5); // two distance codes
    put(written - 4, 4);
    for (int k = 0; k < written; k++) {
      put(lengthLengths[LENGTH_ORDER[k]], 3);
    }
    for (int k = 0; k < count; k++) {
      int symbol = symbols[k];
      put(lengthCodes[symbol], lengthLengths[symbol]);
      if (symbol == 16) {
        put(extras[k], 2);
      } else if (symbol == 17) {
        put(extras[k], 3);
      } else if (symbol == 18) {
        put(extras[k], 7);
      }
    }
  }

  /** The end of the run of {@code v} starting before {@code i}: eight bytes at a time while they all match. */
  private static int runEnd(byte[] data, int i, int to, byte v) {
    if (i < to && data[i] != v) {
      return i;
    }
    long all = (v & 0xffL) * 0x0101010101010101L;
    while (i + 8 <= to) {
      long diff = (long) LONGS.get(data, i) ^ all;
      if (diff != 0) {
        return i + Long.numberOfTrailingZeros(diff) / 8;
      }
      i += 8;
    }
    while (i < to && data[i] == v) {
      i++;
    }
    return i;
  }

  /**
   * Adds {@code n} bytes of value {@code v}: a grows by n v, b by n a + v n (n + 1) / 2. Short runs (most of
   * them: single literals at soft edges) add without the modulo, which is taken every {@link #ADLER_DEFER} of
   * them: a stays under 2^26 and b under 2^44 in between, far from overflowing.
   */
  private void adlerRun(int v, int n) {
    if (n < 256 && deferred < ADLER_DEFER) {
      adlerB += n * adlerA + (long) v * n * (n + 1) / 2;
      adlerA += (long) n * v;
      deferred++;
      return;
    }
    reduceAdler();
    long a = adlerA;
    long b = adlerB + (long) n % ADLER_BASE * a % ADLER_BASE;
    long nn = (long) n * (n + 1) / 2 % ADLER_BASE;
    adlerA = (a + (long) n % ADLER_BASE * v) % ADLER_BASE;
    adlerB = (b + nn * v) % ADLER_BASE;
  }

  private void reduceAdler() {
    adlerA %= ADLER_BASE;
    adlerB %= ADLER_BASE;
    deferred = 0;
  }

  private void put(long bits, int count) {
    bitBuffer |= bits << bitCount;
    bitCount += count;
    if (bitCount >= 32) {
      ensure(4);
      out[size] = (byte) bitBuffer;
      out[size + 1] = (byte) (bitBuffer >>> 8);
      out[size + 2] = (byte) (bitBuffer >>> 16);
      out[size + 3] = (byte) (bitBuffer >>> 24);
      size += 4;
      bitBuffer >>>= 32;
      bitCount -= 32;
    }
  }

  private void align() {
    bitCount += (8 - bitCount % 8) % 8;
  }

  private void ensure(int free) {
    if (out.length - size < free) {
      out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, size + free));
    }
  }
}
