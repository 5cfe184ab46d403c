package io.humanseg.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Lets one request use cores that no other request is using: the full-size stages (composing the mask,
 * deflating the PNG) split their rows into bands and run them side by side when fewer requests are in progress
 * than there are cores, and in one band on the caller's thread otherwise. So an idle server answers a single
 * request on all its cores, and a busy one keeps each request on one core with no hand-over cost.
 *
 * <p>The owner of a request (the pipeline) marks it with {@link #request()}; the stages ask {@link #now()} how
 * many bands they may use. Band work runs on a small pool of daemon threads, one per core but one (the
 * caller's thread runs a band itself).
 */
public final class Bands {
  /**
   * The most bands one stage of a request may use: the cores, or fewer by the system property
   * {@code humanseg.bands} (1 turns banding off; benchmarks use it to time one core's work).
   */
  private static final int CORES = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
      Integer.getInteger("humanseg.bands", Integer.MAX_VALUE)));
  private static final AtomicInteger ACTIVE = new AtomicInteger();
  private static final ExecutorService POOL = CORES < 2 ? null : Executors.newFixedThreadPool(CORES - 1, r -> {
    Thread t = new Thread(r, "humanseg-band");
    t.setDaemon(true);
    return t;
  });

  private Bands() {}

  /** Marks a request in progress until the returned handle is closed. */
  public static Request request() {
    ACTIVE.incrementAndGet();
    return new Request();
  }

  /** How many bands a stage of a request may use now: the cores no other request is using, at least 1. */
  public static int now() {
    return Math.max(1, CORES / Math.max(1, ACTIVE.get()));
  }

  /**
   * Runs {@code band.apply(i)} for i in [0, bands): band 0 on the caller's thread, the others on the pool, and
   * returns the results in band order. A band's exception is rethrown (unchecked) after all bands finished.
   */
  public static <T> List<T> run(int bands, IntFunction<T> band) {
    if (bands <= 1) {
      return List.of(band.apply(0));
    }
    if (POOL == null) { // one core (or humanseg.bands=1): every band still runs, one after another
      List<T> results = new ArrayList<>(bands);
      RuntimeException failure = null;
      for (int i = 0; i < bands; i++) {
        try {
          results.add(band.apply(i));
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    }
    List<CompletableFuture<T>> others = new ArrayList<>(bands - 1);
    for (int i = 1; i < bands; i++) {
      int index = i;
      others.add(CompletableFuture.supplyAsync(() -> band.apply(index), POOL));
    }
    List<T> results = new ArrayList<>(bands);
    RuntimeException failure = null;
    try {
      results.add(band.apply(0));
    } catch (RuntimeException e) {
      failure = e;
    }
    for (CompletableFuture<T> other : others) {
      try {
        results.add(other.join());
      } catch (java.util.concurrent.CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  /** Row ranges: band i of n over {@code rows} rows starts at {@code start(i, n, rows)}. */
  public static int start(int band, int bands, int rows) {
    return (int) ((long) rows * band / bands);
  }

  /** A request in progress; close it when the request is done. */
  public static final class Request implements AutoCloseable {
    private boolean closed;

    private Request() {}

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        ACTIVE.decrementAndGet();
      }
    }
  }
}
