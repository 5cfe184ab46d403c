package io.humanseg.server.work;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The pool that decodes, segments and encodes, behind a bounded queue. A full queue refuses at once
 * ({@link OverloadedException}) instead of letting latency grow without bound; the caller answers 503. Results
 * come back on the caller's Vert.x context, so handlers never touch a response from a worker thread.
 */
public final class BoundedWorkers implements AutoCloseable {
  private final ThreadPoolExecutor executor;
  private final AtomicInteger threadIds = new AtomicInteger();
  private final AtomicLong abandoned = new AtomicLong();
  private final int capacity;

  public BoundedWorkers(int workers, int queueSize) {
    if (workers < 1 || queueSize < 0) {
      throw new IllegalArgumentException("workers >= 1 and queue >= 0 required: " + workers + ", " + queueSize);
    }
    capacity = workers + queueSize;
    // queueSize 0 means "no waiting room": only as many requests as there are workers.
    executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
        queueSize == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queueSize),
        r -> {
          Thread t = new Thread(r, "humanseg-worker-" + threadIds.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
    executor.prestartAllCoreThreads();
  }

  /**
   * Runs {@code task} on a worker; the future completes on {@code context}.
   *
   * @param abandoned checked when a worker picks the task up: true (client gone, deadline passed) skips it
   */
  public <T> Future<T> submit(Context context, Callable<T> task, BooleanSupplier abandoned) {
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> {
        if (abandoned.getAsBoolean()) {
          this.abandoned.incrementAndGet();
          context.runOnContext(v -> promise.fail(new AbandonedException()));
          return;
        }
        try {
          T result = task.call();
          context.runOnContext(v -> promise.complete(result));
        } catch (Throwable e) {
          context.runOnContext(v -> promise.fail(e));
        }
      });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new OverloadedException());
    }
    return promise.future();
  }

  /**
   * Every worker busy and every queue place taken: a new task would be refused. Read before a request's body, so
   * that such a request is refused without reading it; approximate (the pool's counts move), and
   * {@link #submit} stays the authority.
   */
  public boolean isFull() {
    return executor.getActiveCount() + executor.getQueue().size() >= capacity;
  }

  /** Tasks waiting for a worker. */
  public int queued() {
    return executor.getQueue().size();
  }

  /** Tasks running now. */
  public int active() {
    return executor.getActiveCount();
  }

  /** How many tasks were skipped because their request was abandoned. */
  public long abandoned() {
    return abandoned.get();
  }

  /** Tasks skipped because their request was abandoned before a worker took them. */
  public static final class AbandonedException extends RuntimeException {
    AbandonedException() {
      super("request abandoned before processing", null, false, false);
    }
  }

  /** The queue is full. */
  public static final class OverloadedException extends RuntimeException {
    OverloadedException() {
      super("the worker queue is full", null, false, false);
    }
  }

  /** Stops taking tasks and waits up to {@code millis} for the running ones. */
  public void shutdown(long millis) {
    executor.shutdown();
    try {
      executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }

  @Override
  public void close() {
    shutdown(0);
  }
}
