package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HUMANSEG_CORS_ORIGINS set to one origin: that one is allowed, the server's own passes, others get 403 JSON. */
class CorsAllowlistTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final byte[] PHOTO = TestImages.jpeg(320, 240);
  private static HumansegServer server;

  @BeforeAll
  static void start() throws Exception {
    server = HumansegServer.start(new ServerConfig("127.0.0.1", 0).withCorsOrigins(List.of("https://good.example")))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!server.isReady() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void otherOriginIs403WithTheJsonError() throws Exception {
    ServerApiTest.assertError(segment("https://evil.example"), 403, "ORIGIN_NOT_ALLOWED");
    HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/v1/segment"))
        .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    ServerApiTest.assertError(preflight, 403, "ORIGIN_NOT_ALLOWED");
  }

  @Test
  void listedOriginGetsTheCorsHeaders() throws Exception {
    HttpResponse<String> r = segment("https://good.example");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("https://good.example", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
  }

  /** The demo page's own POSTs carry the server's origin. */
  @Test
  void theServersOwnOriginIsServed() throws Exception {
    HttpResponse<String> r = segment("http://127.0.0.1:" + server.port());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }

  private static HttpResponse<String> segment(String origin) throws Exception {
    return send(HttpRequest.newBuilder(uri("/v1/segment")).header("Origin", origin)
        .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(PHOTO)));
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
