package io.humanseg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.server.http.HumansegServer;
import io.humanseg.server.http.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server starts on loopback, answers liveness at once and becomes ready once the default model ran. */
class ServerHealthTest {
  private static HumansegServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = HumansegServer.start(new ServerConfig("127.0.0.1", 0)).toCompletionStage().toCompletableFuture().get();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void liveAndThenReady() throws Exception {
    HttpResponse<String> live = get("/health/live");
    assertEquals(200, live.statusCode());
    assertTrue(live.body().contains("UP"), live.body());

    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    HttpResponse<String> ready = get("/health/ready");
    while (ready.statusCode() != 200 && Instant.now().isBefore(deadline)) {
      assertEquals(503, ready.statusCode(), "not ready must be 503");
      Thread.sleep(100);
      ready = get("/health/ready");
    }
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("default-model"), ready.body());
  }

  @Test
  void unknownRouteIs404() throws Exception {
    assertEquals(404, get("/no-such-route").statusCode());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
