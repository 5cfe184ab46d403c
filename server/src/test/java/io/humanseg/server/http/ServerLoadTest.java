package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
      awaitInflight(server, 0); // the count drops when the response has ended, a moment after the client has it
    }
  }

  @Test
  void shutdownFinishesRequestsInFlightAndRefusesNewOnes() throws Exception {
    HumansegServer server = start(1, 4);
    List<CompletableFuture<HttpResponse<String>>> inflight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inflight.add(HTTP.sendAsync(segment(server), HttpResponse.BodyHandlers.ofString()));
    }
    awaitInflight(server, 3); // all three are in flight when the shutdown begins
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Thread stopper = new Thread(server::shutdown);
    stopper.start();
    while (server.isReady() && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    assertFalse(server.isReady());
    assertEquals(503, get(server, "/health/ready").statusCode());
    ServerApiTest.assertError(HTTP.send(segment(server), HttpResponse.BodyHandlers.ofString()), 503, "SHUTTING_DOWN");
    stopper.join(60_000);
    assertFalse(stopper.isAlive(), "the shutdown ended");
    for (CompletableFuture<HttpResponse<String>> f : inflight) {
      assertEquals(200, f.get(60, TimeUnit.SECONDS).statusCode(), "a request in flight finishes");
    }
  }

  @Test
  void queuedWorkOfAClientThatLeftIsSkipped() throws Exception {
    // A long deadline, so that only the disconnect can make the server skip B.
    try (HumansegServer server = start(1, 4)) {
      byte[] big = TestImages.jpeg(3840, 2160);
      // A: keeps the only worker busy. B: queued behind it, then its client goes away.
      // A is a raw body (nothing to parse), so that its one task holds the worker from the start.
      CompletableFuture<HttpResponse<String>> a = HTTP.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/segment?refine=true"))
              .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
          HttpResponse.BodyHandlers.ofString());
      awaitInflight(server, 1);
      byte[] body = new JsonObject().put("img", ServerApiTest.base64(PHOTO)).encode().getBytes(StandardCharsets.UTF_8);
      try (Socket b = new Socket("127.0.0.1", server.port())) {
        OutputStream out = b.getOutputStream();
        out.write(("POST /seg HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        awaitInflight(server, 2);
        awaitQueued(server, 1); // B's body arrived and its work waits for the worker
      }
      assertEquals(200, a.get(60, TimeUnit.SECONDS).statusCode());
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (abandoned(server) < 1 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertEquals(1.0, abandoned(server), "B's work was skipped");
    }
  }

  @Test
  void deadlineIs503() throws Exception {
    try (HumansegServer server = start(1, 4, Duration.ofMillis(50))) {
      HttpResponse<String> r = HTTP.send(segment(server, TestImages.jpeg(3840, 2160)), HttpResponse.BodyHandlers.ofString());
      ServerApiTest.assertError(r, 503, "DEADLINE_EXCEEDED");
      assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
    }
  }

  private static double abandoned(HumansegServer server) {
    return server.metrics().registry().get("humanseg_abandoned_requests").functionCounter().count();
  }

  private static void awaitQueued(HumansegServer server, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (queued(server) != n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertEquals(n, queued(server), "requests waiting for a worker");
  }

  private static double queued(HumansegServer server) {
    return server.metrics().registry().get("humanseg_worker_queue_depth").gauge().value();
  }

  private static void awaitInflight(HumansegServer server, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.inflight() != n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertEquals(n, server.inflight());
  }

  private static HumansegServer start(int workers, int queue) throws Exception {
    return start(workers, queue, Duration.ofSeconds(60));
  }

  private static HumansegServer start(int workers, int queue, Duration deadline) throws Exception {
    HumansegServer server = HumansegServer.start(new ServerConfig("127.0.0.1", 0).withPool(workers, queue)
        .withTimes(deadline, Duration.ofSeconds(60)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!server.isReady() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertTrue(server.isReady(), "the server became ready");
    return server;
  }

  private static HttpRequest segment(HumansegServer server) {
    return segment(server, PHOTO);
  }

  private static HttpRequest segment(HumansegServer server, byte[] photo) {
    // refine makes the worker decode every pixel and filter them: a slow request on purpose.
    String body = new JsonObject().put("img", ServerApiTest.base64(photo)).put("refine", true).encode();
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/segment"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpResponse<String> get(HumansegServer server, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
