package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real server process while its first request is in flight: the request must still be answered. The
 * request's photo comes from an upstream that answers only once the shutdown has begun, so that all of the
 * request's decoding, inference and encoding (blur and WebP: OpenCV) happens while the JVM is stopping.
 */
class SigtermFirstRequestTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void firstRequestInFlightAtSigtermIsServed(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    Promise<Void> requested = Promise.promise();
    Promise<Void> release = Promise.promise();
    byte[] photo = TestImages.jpeg(640, 480);
    HttpServer upstream = vertx.createHttpServer().requestHandler(req -> {
      requested.tryComplete();
      release.future().onComplete(v -> req.response().end(Buffer.buffer(photo)));
    }).listen(0, "127.0.0.2").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("server.log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir, "io.humanseg.server.Main", "serve",
        "--host", "127.0.0.1", "--port", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("HUMANSEG_SSRF_ALLOWLIST", "127.0.0.2/32");
    pb.environment().put("HUMANSEG_SHUTDOWN_GRACE_MS", "60000");
    Process process = pb.start();
    try {
      awaitStatus(port, "/health/ready", 200, log);
      String body = new JsonObject().put("url", "http://127.0.0.2:" + upstream.actualPort() + "/p.jpg")
          .put("output", "composite").put("bg_blur", 5).put("format", "webp").encode();
      CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/segment"))
              .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      requested.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      process.destroy(); // SIGTERM
      awaitStatus(port, "/health/ready", 503, log); // the shutdown hook is draining
      release.complete();
      HttpResponse<String> r = answer.get(120, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r.body() + "\n" + Files.readString(log));
      assertEquals("image/webp", new JsonObject(r.body()).getString("media_type"));
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server exits after the drain");
    } finally {
      process.destroyForcibly();
      vertx.close();
    }
  }

  private static void awaitStatus(int port, String path, int status, Path log) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    int last = -1;
    while (System.nanoTime() < end) {
      try {
        last = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (last == status) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(path + " answered " + last + ", not " + status + "\n" + Files.readString(log));
  }

}
