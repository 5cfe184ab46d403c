package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.humanseg.server.fetch.FetchConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Hostile and broken requests, one category at a time (query, form bodies, multipart, JSON, image bytes, URLs,
 * upstreams, headers, protocol): each gets a 4xx or 502 with the JSON error body, never a 500, and the server
 * keeps serving. Each case reproduces a finding of the hardening review (issue 14).
 */
class BadInputTest {
  private static final byte[] PHOTO = TestImages.jpeg(320, 240);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicInteger CANARY_HITS = new AtomicInteger();
  private static Vertx upstreamVertx;
  private static int upstreamPort;
  private static int garbagePort;
  private static int closedPort;
  private static HumansegServer server;

  @BeforeAll
  static void start() throws Exception {
    upstreamVertx = Vertx.vertx();
    HttpServer up = upstreamVertx.createHttpServer().requestHandler(req -> {
      CANARY_HITS.incrementAndGet();
      req.response().end(Buffer.buffer(PHOTO));
    }).listen(0, "127.0.0.2").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    upstreamPort = up.actualPort();
    // Answers anything with bytes that are not HTTP, then hangs up.
    NetServer garbage = upstreamVertx.createNetServer().connectHandler(socket ->
        socket.handler(b -> socket.end(Buffer.buffer("SSH-2.0-OpenSSH_9.6\r\n\u0000\u0001garbage\r\n\r\n"))))
        .listen(0, "127.0.0.2").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    garbagePort = garbage.actualPort();
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.2"))) {
      closedPort = s.getLocalPort(); // nothing listens there once closed: connections are refused
    }
    FetchConfig fetch = FetchConfig.defaults().withAllowlist("127.0.0.2/32")
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
    server = HumansegServer.start(new ServerConfig("127.0.0.1", 0).withFetch(fetch))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    awaitReady();
  }

  @AfterAll
  static void stop() {
    server.close();
    upstreamVertx.close();
  }

  // --- query

  @Test
  void badPercentEncodingInTheQueryIs400() throws Exception {
    byte[] json = new JsonObject().put("img", base64(PHOTO)).encode().getBytes(StandardCharsets.UTF_8);
    rawPost("/v1/segment?model=%zz", "application/json", json).assertError(400, "BAD_QUERY");
    rawPost("/v1/segment?model=%zz", "image/jpeg", PHOTO).assertError(400, "BAD_QUERY");
    rawPost("/seg?x=%", "application/json", json).assertError(400, "BAD_QUERY");
  }

  // --- form bodies and multipart

  @ParameterizedTest
  @ValueSource(strings = {"/", "/seg"})
  void largeFormBodyOnTheSeedRoutesIsReadAsJson(String path) throws Exception {
    byte[] form = ("a=" + "b".repeat(9000)).getBytes(StandardCharsets.US_ASCII);
    assertError(post(path, form, "application/x-www-form-urlencoded"), 400, "BAD_JSON");
    // curl -d sends JSON as form-urlencoded; the seed read it as JSON, and so do we.
    byte[] json = new JsonObject().put("img", base64(PHOTO)).encode().getBytes(StandardCharsets.UTF_8);
    assertEquals(200, post(path, json, "application/x-www-form-urlencoded").statusCode());
  }

  @Test
  void largeFormBodyOnV1SegmentIs415() throws Exception {
    byte[] form = ("a=" + "b".repeat(9000)).getBytes(StandardCharsets.US_ASCII);
    assertError(post("/v1/segment", form, "application/x-www-form-urlencoded"), 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void multipartWithoutAUsableBoundaryIs400() throws Exception {
    byte[] big = "x".repeat(9000).getBytes(StandardCharsets.US_ASCII);
    assertError(post("/v1/segment", big, "multipart/form-data; boundary="), 400, "BAD_MULTIPART");
    assertError(post("/v1/segment", big, "multipart/form-data"), 400, "BAD_MULTIPART");
  }

  @Test
  void multipartWithoutItsClosingBoundaryIs400AndLeavesNothingOnDisk() throws Exception {
    List<Path> before = tempFiles();
    byte[] complete = multipart(PHOTO, true);
    byte[] unclosed = multipart(PHOTO, false);
    assertError(post("/v1/segment", unclosed, "multipart/form-data; boundary=XyZ"), 400, "BAD_MULTIPART");
    assertEquals(before, tempFiles(), "no upload left in the temporary folder");
    // The same body with its closing boundary is served.
    HttpResponse<String> ok = post("/v1/segment", complete, "multipart/form-data; boundary=XyZ");
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(before, tempFiles(), "no upload left in the temporary folder");
  }

  // --- JSON and base64

  @Test
  void base64OfAnImageOver20MillionCharactersIsServed() throws Exception {
    byte[] padded = paddedJpeg(PHOTO, 19_700_000);
    String img = base64(padded);
    assertTrue(img.length() > 20_000_000, "over Jackson's default string cap: " + img.length());
    HttpResponse<String> r = postJson("/v1/segment", new JsonObject().put("img", img));
    assertEquals(200, r.statusCode(), r.body().substring(0, Math.min(300, r.body().length())));
    assertEquals(320, new JsonObject(r.body()).getJsonObject("metadata").getInteger("width"), r.body());
  }

  @Test
  void longClientValuesAreCutInMessages() throws Exception {
    HttpResponse<String> model = postJson("/v1/segment",
        new JsonObject().put("img", base64(PHOTO)).put("model", "m".repeat(100_000)));
    assertError(model, 400, "BAD_PARAMETER");
    assertTrue(model.body().length() < 400, model.body());
    HttpResponse<String> accept = send(HttpRequest.newBuilder(uri("/v1/segment"))
        .header("Content-Type", "image/jpeg").header("Accept", "image/" + "x".repeat(6000))
        .POST(HttpRequest.BodyPublishers.ofByteArray(PHOTO)));
    assertError(accept, 406, "NOT_ACCEPTABLE");
    assertTrue(accept.body().length() < 400, accept.body());
  }

  // --- image bytes

  /**
   * A 29-byte GIF declaring a 4096 x 4096 frame is accepted: its cost is that of any 4096 px photo, bounded by
   * the pixel limit, the worker pool and the deadline; a bytes-per-pixel rule would also refuse plain flat images.
   */
  @Test
  void tinyGifDeclaringALargeFrameIsSegmentedAtItsSize() throws Exception {
    byte[] gif = tinyGif(4096, 4096);
    assertEquals(29, gif.length);
    HttpResponse<String> r = postJson("/v1/segment", new JsonObject().put("img", base64(gif)));
    assertEquals(200, r.statusCode(), r.body());
    JsonObject metadata = new JsonObject(r.body()).getJsonObject("metadata");
    assertEquals(4096, metadata.getInteger("width"), r.body());
    assertEquals(4096, metadata.getInteger("height"), r.body());
  }

  // --- URLs and upstreams

  @ParameterizedTest
  @ValueSource(strings = {"0177.0.0.2", "0x7f000002", "017700000002", "2130706434", "127.2", "127.0.0.02",
      "0x7f.0.0.2", "127.0.0.2."})
  void nonCanonicalNumericHostsAreRefusedBeforeAnyConnection(String host) throws Exception {
    int hits = CANARY_HITS.get();
    HttpResponse<String> r = postJson("/", new JsonObject().put("url", "http://" + host + ":" + upstreamPort + "/"));
    assertError(r, 400, "BAD_URL");
    assertEquals(hits, CANARY_HITS.get(), "no connection was made");
  }

  @Test
  void canonicalAllowedHostStillWorks() throws Exception {
    HttpResponse<String> r = postJson("/", new JsonObject().put("url", "http://127.0.0.2:" + upstreamPort + "/"));
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void upstreamFailuresAreTold502InPlainWords() throws Exception {
    for (int port : new int[] {closedPort, garbagePort}) {
      HttpResponse<String> r = postJson("/", new JsonObject().put("url", "http://127.0.0.2:" + port + "/x.jpg"));
      assertError(r, 502, "UPSTREAM_ERROR");
      String message = new JsonObject(r.body()).getJsonObject("error").getString("message");
      assertFalse(message.matches("(?s).*(Exception|io\\.netty|io\\.vertx|java\\.|127\\.0\\.0\\.2|/127).*"),
          message);
    }
  }

  // --- headers and protocol

  @Test
  void decoderErrorsCarryTheJsonBody() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n").read().assertError(414, "URI_TOO_LONG");
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n").read()
          .assertError(431, "HEADERS_TOO_LARGE");
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n").read().assertError(400, "BAD_REQUEST");
    }
  }

  @Test
  void contentLengthWithTransferEncodingIsRefusedAndNothingIsSmuggled() throws Exception {
    String smuggled = "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n";
    String body = "0\r\n\r\n" + smuggled;
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("POST /seg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
          + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
      raw.read().assertError(400, "BAD_REQUEST");
      assertTrue(raw.closedByServer(), "the connection closes; the bytes after the chunked body are not a request");
    }
  }

  @Test
  void clientErrorsAreNotLoggedAsErrors() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      badPercentEncodingInTheQueryIs400();
      multipartWithoutAUsableBoundaryIs400();
      multipartWithoutItsClosingBoundaryIs400AndLeavesNothingOnDisk();
      decoderErrorsCarryTheJsonBody();
      contentLengthWithTransferEncodingIsRefusedAndNothingIsSmuggled();
      upstreamFailuresAreTold502InPlainWords();
    } finally {
      root.detachAppender(log);
    }
    List<ILoggingEvent> loud = log.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null).toList();
    assertEquals(List.of(), loud.stream().map(ILoggingEvent::getFormattedMessage).toList());
  }

  // --- helpers

  /** java.net.http refuses to send a malformed URI; a socket does not. */
  private static RawHttp.Answer rawPost(String target, String type, byte[] body) throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\nContent-Length: "
          + body.length + "\r\n\r\n").send(body);
      return raw.read();
    }
  }

  /** A JPEG grown to {@code size} bytes with comment segments, which decoders skip. */
  static byte[] paddedJpeg(byte[] jpeg, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 70_000);
    out.write(jpeg, 0, 2); // SOI
    byte[] comment = new byte[65_533];
    Arrays.fill(comment, (byte) 'c');
    while (out.size() + jpeg.length - 2 < size) {
      out.write(0xFF);
      out.write(0xFE);
      out.write(0xFF);
      out.write(0xFF); // length 65535, the two length bytes included
      out.write(comment, 0, comment.length);
    }
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** A GIF of {@code w} x {@code h} whose only frame holds two bytes of LZW data: 29 bytes in all. */
  static byte[] tinyGif(int w, int h) {
    ByteBuffer b = ByteBuffer.allocate(29).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) w).putShort((short) h)
        .put((byte) 0).put((byte) 0).put((byte) 0); // no global colour table
    b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) w).putShort((short) h)
        .put((byte) 0); // image descriptor, no local colour table
    b.put((byte) 2).put((byte) 2).put((byte) 0x44).put((byte) 0x01).put((byte) 0).put((byte) 0x3B);
    return b.array();
  }

  private static byte[] multipart(byte[] image, boolean closed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--XyZ\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"p.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(image);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    if (closed) {
      out.writeBytes("--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  /** Files in the JVM's temporary folder and the upload folder vertx-web used to use. */
  private static List<Path> tempFiles() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> files = Files.walk(tmp, 2)) {
      return files.filter(p -> p.toString().contains("upload")).sorted().toList();
    }
  }

  private static void awaitReady() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!server.isReady() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertTrue(server.isReady(), "the server did not become ready");
  }

  static void assertError(HttpResponse<String> r, int status, String code) {
    ServerApiTest.assertError(r, status, code);
  }

  private static String base64(byte[] bytes) {
    return ServerApiTest.base64(bytes);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> postJson(String path, JsonObject body) throws Exception {
    return post(path, body.encode().getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static HttpResponse<String> post(String path, byte[] body, String type) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
