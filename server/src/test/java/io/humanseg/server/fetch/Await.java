package io.humanseg.server.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Blocking waits for the test thread (never an event loop), bounded so that a hang fails the test. */
final class Await {
  private Await() {}

  static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The fetch's FetchException, after checking its code. */
  static FetchException failure(Future<?> future, FetchException.Code expected) throws Exception {
    try {
      Object value = result(future);
      fail("expected " + expected + ", got " + value);
      return null;
    } catch (ExecutionException e) {
      FetchException f = assertInstanceOf(FetchException.class, e.getCause());
      assertEquals(expected, f.code(), f.getMessage());
      return f;
    }
  }
}
