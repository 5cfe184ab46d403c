package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With API keys configured: 401 without a key, 403 with a wrong one; health and metrics stay open. */
class ServerAuthTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static HumansegServer server;

  @BeforeAll
  static void start() throws Exception {
    server = HumansegServer.start(new ServerConfig("127.0.0.1", 0).withApiKeys(Set.of("s3cret", "other")))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void keys() throws Exception {
    ServerApiTest.assertError(post(null, null), 401, "UNAUTHORIZED");
    ServerApiTest.assertError(post("X-API-Key", "nope"), 403, "FORBIDDEN");
    ServerApiTest.assertError(post("Authorization", "Bearer nope"), 403, "FORBIDDEN");
    // A right key gets past authentication to the body check.
    ServerApiTest.assertError(post("X-API-Key", "s3cret"), 400, "BAD_JSON");
    ServerApiTest.assertError(post("Authorization", "Bearer other"), 400, "BAD_JSON");
    assertEquals(200, HTTP.send(HttpRequest.newBuilder(uri("/health/live")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  private static HttpResponse<String> post(String header, String value) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/seg")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{oops"));
    if (header != null) {
      b.header(header, value);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
