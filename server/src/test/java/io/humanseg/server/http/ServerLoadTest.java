package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Overload and shutdown on a tiny pool: one worker, a short queue. */
class ServerLoadTest {
  /** Large enough that one request keeps the single worker busy for a while. */
  private static final byte[] PHOTO = TestImages.jpeg(1920, 1080);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void burstGetsSome503sAndTheServerStaysHealthy() throws Exception {
    try (HumansegServer server = start(1, 1)) {
      List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        burst.add(HTTP.sendAsync(segment(server), HttpResponse.BodyHandlers.ofString()));
      }
      int ok = 0;
      int overloaded = 0;
      for (CompletableFuture<HttpResponse<String>> f : burst) {
        HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
        if (r.statusCode() == 200) {
          ok++;
        } else {
          ServerApiTest.assertError(r, 503, "OVERLOADED");
          assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
          overloaded++;
        }
      }
      assertTrue(ok >= 1, ok + " answered");
      assertTrue(overloaded >= 1, "a queue of 1 cannot take a burst of 12");
      // Healthy afterwards: ready, and the next request is served.
      assertEquals(200, get(server, "/health/ready").statusCode());
      assertEquals(200, HTTP.send(segment(server), HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(0, server.inflight());
    }
  }

  @Test
  void shutdownFinishesRequestsInFlightAndRefusesNewOnes() throws Exception {
    HumansegServer server = start(1, 4);
    List<CompletableFuture<HttpResponse<String>>> inflight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inflight.add(HTTP.sendAsync(segment(server), HttpResponse.BodyHandlers.ofString()));
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.inflight() < 3 && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    Thread stopper = new Thread(server::shutdown);
    stopper.start();
    while (server.isReady() && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    assertFalse(server.isReady());
    assertEquals(503, get(server, "/health/ready").statusCode());
    ServerApiTest.assertError(HTTP.send(segment(server), HttpResponse.BodyHandlers.ofString()), 503, "SHUTTING_DOWN");
    stopper.join(60_000);
    for (CompletableFuture<HttpResponse<String>> f : inflight) {
      assertEquals(200, f.get(60, TimeUnit.SECONDS).statusCode(), "a request in flight finishes");
    }
  }

  private static HumansegServer start(int workers, int queue) throws Exception {
    HumansegServer server = HumansegServer.start(new ServerConfig("127.0.0.1", 0).withPool(workers, queue)
        .withTimes(Duration.ofSeconds(60), Duration.ofSeconds(60)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!server.isReady() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    return server;
  }

  private static HttpRequest segment(HumansegServer server) {
    // refine makes the worker decode every pixel and filter them: a slow request on purpose.
    String body = new JsonObject().put("img", ServerApiTest.base64(PHOTO)).put("refine", true).encode();
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/segment"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpResponse<String> get(HumansegServer server, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
