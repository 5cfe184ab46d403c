package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.server.fetch.FetchConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one client may hold: connections (idle and header timeouts) and memory (the body limit and the in-flight
 * byte budget, both enforced before a body is read). Small limits, so that each is reached on purpose.
 */
class ConnectionLimitsTest {
  private static final long BODY_LIMIT = 2L << 20;
  private static final long BUDGET = 3L << 20;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final byte[] PHOTO = TestImages.jpeg(320, 240);
  /** Answers after this long: longer than the header timeout. */
  private static final long SLOW_UPSTREAM_MILLIS = 1500;
  private static HumansegServer server;
  private static Vertx upstreamVertx;
  private static int upstreamPort;

  @BeforeAll
  static void start() throws Exception {
    upstreamVertx = Vertx.vertx();
    upstreamPort = upstreamVertx.createHttpServer().requestHandler(req -> upstreamVertx.setTimer(SLOW_UPSTREAM_MILLIS,
        id -> req.response().end(Buffer.buffer(PHOTO)))).listen(0, "127.0.0.2")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    ServerConfig config = new ServerConfig("127.0.0.1", 0).withMaxBodyBytes(BODY_LIMIT)
        .withFetch(FetchConfig.defaults().withAllowlist("127.0.0.2/32"));
    config = config.withLimits(config.limits().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
        .withMaxInflightBytes(BUDGET));
    server = HumansegServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    await(() -> server.isReady() ? 1 : 0, 1);
  }

  @AfterAll
  static void stop() {
    server.close();
    upstreamVertx.close();
  }

  /** The header clock stops while a request is worked on: a request longer than the header timeout is answered. */
  @Test
  void requestLongerThanTheHeaderTimeoutIsAnswered() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      byte[] body = new JsonObject().put("url", "http://127.0.0.2:" + upstreamPort + "/p.jpg").encode()
          .getBytes(StandardCharsets.UTF_8);
      raw.send("POST /seg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\n\r\n").send(body);
      RawHttp.Answer answer = raw.read();
      assertEquals(200, answer.status(), answer.body());
    }
  }

  @Test
  void idleAndSlowHeaderConnectionsAreClosedWhileHealthAnswers() throws Exception {
    List<RawHttp> idle = new ArrayList<>();
    List<Socket> slow = new ArrayList<>();
    List<Thread> tricklers = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        idle.add(new RawHttp(server.port()));
      }
      for (int i = 0; i < 5; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(60_000);
        slow.add(s);
        // Slowloris: a header line, then one byte every 100 ms; the connection is never idle, headers never end.
        Thread t = new Thread(() -> trickle(s));
        t.setDaemon(true);
        t.start();
        tricklers.add(t);
      }
      assertEquals(200, get("/health/live").statusCode(), "health answers while they hold their connections");
      for (RawHttp c : idle) {
        assertTrue(c.closedByServer(), "an idle connection is closed");
      }
      for (Socket s : slow) {
        assertTrue(readsEnd(s), "a slow-header connection is closed");
      }
      assertEquals(200, get("/health/ready").statusCode());
    } finally {
      for (RawHttp c : idle) {
        c.close();
      }
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void keptAliveConnectionWithoutANextRequestIsClosed() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      assertEquals(200, raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
      assertTrue(raw.closedByServer(), "no next request within the idle timeout: the connection is closed");
    }
  }

  @Test
  void declaredBodyOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      // Only the headers are sent: the answer cannot depend on reading the body.
      raw.send("POST /v1/segment HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: "
          + (BODY_LIMIT + 1) + "\r\n\r\n").read().assertError(413, "BODY_TOO_LARGE");
    }
  }

  @Test
  void bodiesBeyondTheInflightBudgetAreRefusedBeforeTheyAreRead() throws Exception {
    long size = BODY_LIMIT; // two of these do not fit in the budget
    try (RawHttp a = new RawHttp(server.port())) {
      a.send("POST /v1/segment HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: " + size
          + "\r\n\r\n").send(new byte[1000]);
      await(server::heldBytes, size);
      try (RawHttp b = new RawHttp(server.port())) {
        b.send("POST /seg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + size
            + "\r\n\r\n").read().assertError(503, "OVERLOADED");
      }
    }
    // A's client left: its reservation comes back, and a request of that size is served again.
    await(server::heldBytes, 0);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/segment")).header("Content-Type", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(PHOTO)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    await(server::heldBytes, 0);
  }

  @Test
  void chunkedBodyOverTheLimitIsRefusedWhileItArrives() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("POST /v1/segment HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\n");
      byte[] chunk = new byte[64 * 1024];
      String size = Integer.toHexString(chunk.length) + "\r\n";
      // Sent until the server answers (it closes the connection after 413): at most a little over the limit.
      for (long sent = 0; sent <= BODY_LIMIT; sent += chunk.length) {
        raw.send(size).send(chunk).send("\r\n");
      }
      raw.read().assertError(413, "BODY_TOO_LARGE");
    }
    await(server::heldBytes, 0);
  }

  private static void trickle(Socket s) {
    try {
      OutputStream out = s.getOutputStream();
      out.write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      while (true) {
        out.write('a');
        out.flush();
        Thread.sleep(100);
      }
    } catch (IOException | InterruptedException closed) {
      // the server closed the connection: what the test waits for
    }
  }

  private static boolean readsEnd(Socket s) throws IOException {
    try {
      return s.getInputStream().read() < 0;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  private static void await(LongSupplier value, long expected) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (value.getAsLong() != expected && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertEquals(expected, value.getAsLong());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
