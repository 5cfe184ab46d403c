package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.server.fetch.FetchConfig;
import io.humanseg.server.fetch.LoopbackS3Mock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The REST API over real HTTP on loopback: the seed contract, /v1/segment, the model routes and every error
 * class. Image URLs point at an upstream on 127.0.0.2, which the fetch allowlist opens; 127.0.0.1 stays refused.
 * The photo is a real one with a person in it ({@link PersonPhoto}): every form of input to POST /, POST /seg and
 * /v1/segment must give back that person's mask (IoU against the ground truth), not just a PNG.
 */
class ServerApiTest {
  @RegisterExtension
  static final S3MockExtension S3_MOCK = LoopbackS3Mock.create("photos");

  static final long BODY_LIMIT = 2 * 1024 * 1024;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Vertx upstreamVertx;
  private static int upstreamPort;
  private static HumansegServer server;
  private static PersonPhoto person;
  private static byte[] photo;

  @BeforeAll
  static void start() throws Exception {
    person = PersonPhoto.load();
    photo = person.jpeg;
    try (S3Client s3 = S3_MOCK.createS3ClientV2()) {
      s3.putObject(b -> b.bucket("photos").key("me.jpg"), RequestBody.fromBytes(photo));
    }
    upstreamVertx = Vertx.vertx();
    Router upstream = Router.router(upstreamVertx);
    upstream.get("/photo.jpg").handler(ctx -> ctx.response().end(Buffer.buffer(photo)));
    upstream.get("/broken").handler(ctx -> ctx.response().setStatusCode(500).end());
    upstream.get("/hang").handler(ctx -> { }); // never answers
    upstream.get("/to-loopback").handler(ctx -> ctx.response().setStatusCode(302)
        .putHeader("Location", "http://127.0.0.1:" + upstreamPort + "/photo.jpg").end());
    HttpServer up = upstreamVertx.createHttpServer().requestHandler(upstream).listen(0, "127.0.0.2")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    upstreamPort = up.actualPort();

    FetchConfig fetch = FetchConfig.defaults().withAllowlist("127.0.0.2/32")
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
        .withS3(new FetchConfig.S3("us-east-1", URI.create("http://127.0.0.1:" + S3_MOCK.getHttpPort()), true,
            "test-key", "test-secret"));
    // No models folder: the built-in models only, whatever this machine has installed (auto has no quality model).
    server = HumansegServer.start(new ServerConfig("127.0.0.1", 0).withFetch(fetch).withMaxBodyBytes(BODY_LIMIT)
            .withModels(new ServerConfig.ModelsConfig(java.nio.file.Path.of("target", "no-models-here"),
                java.util.List.of(), 2)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (upstreamVertx != null) {
      upstreamVertx.close();
    }
  }

  // --- the seed contract

  @ParameterizedTest
  @ValueSource(strings = {"/", "/seg"})
  void seedImgGivesTheMaskAtOriginalSize(String path) throws Exception {
    HttpResponse<String> r = postJson(path, new JsonObject().put("img", base64(photo)));
    assertEquals(200, r.statusCode(), r.body());
    assertGreyMask(new JsonObject(r.body()).getString("result"));
    assertNotNull(r.headers().firstValue("X-Request-Id").orElse(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/seg"})
  void seedAcceptsDataUrlPrefix(String path) throws Exception {
    HttpResponse<String> r = postJson(path, new JsonObject().put("img", "data:image/jpeg;base64," + base64(photo)));
    assertEquals(200, r.statusCode(), r.body());
    assertGreyMask(new JsonObject(r.body()).getString("result"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/seg"})
  void seedUrl(String path) throws Exception {
    HttpResponse<String> r = postJson(path, new JsonObject().put("url", upstream("/photo.jpg")));
    assertEquals(200, r.statusCode(), r.body());
    assertGreyMask(new JsonObject(r.body()).getString("result"));
  }

  @Test
  void urlWinsOverImg() throws Exception {
    // The img is not even base64: it is never looked at.
    HttpResponse<String> r =
        postJson("/", new JsonObject().put("url", upstream("/photo.jpg")).put("img", "!!! not base64 !!!"));
    assertEquals(200, r.statusCode(), r.body());
    assertGreyMask(new JsonObject(r.body()).getString("result"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/seg"})
  void s3Url(String path) throws Exception {
    HttpResponse<String> r = postJson(path, new JsonObject().put("url", "s3://photos/me.jpg"));
    assertEquals(200, r.statusCode(), r.body());
    assertGreyMask(new JsonObject(r.body()).getString("result"));
  }

  @Test
  void requestIdIsTakenOrMade() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v2/health/live")).header("X-Request-Id", "abc-123"));
    assertEquals("abc-123", r.headers().firstValue("X-Request-Id").orElseThrow());
    HttpResponse<String> hostile = send(HttpRequest.newBuilder(uri("/v2/health/live"))
        .header("X-Request-Id", "a b\u00e9"));
    assertTrue(hostile.headers().firstValue("X-Request-Id").orElseThrow().matches("[0-9a-f-]{36}"));
  }

  // --- errors

  @Test
  void badJsonIs400() throws Exception {
    assertError(post("/", "{not json", "application/json"), 400, "BAD_JSON");
    assertError(post("/", "[1,2]", "application/json"), 400, "BAD_JSON");
    assertError(postJson("/", new JsonObject().put("img", 42)), 400, "BAD_PARAMETER");
    assertError(postJson("/", new JsonObject()), 400, "MISSING_IMAGE");
    // Large bodies are parsed on a worker: same answers.
    String big = "A".repeat(SegmentHandler.INLINE_PARSE_BYTES);
    assertError(post("/", "{\"img\": \"" + big + "\"", "application/json"), 400, "BAD_JSON");
    assertError(post("/v1/segment", "[\"" + big + "\"]", "application/json"), 400, "BAD_JSON");
  }

  @Test
  void badBase64Is400() throws Exception {
    assertError(postJson("/", new JsonObject().put("img", "@@@@")), 400, "BAD_BASE64");
    assertError(postJson("/", new JsonObject().put("img", "data:image/png,abc")), 400, "BAD_BASE64");
  }

  @Test
  void unsupportedFormatIs415() throws Exception {
    byte[] text = "just some text, not a picture".getBytes(StandardCharsets.UTF_8);
    assertError(postJson("/", new JsonObject().put("img", base64(text))), 415, "UNSUPPORTED_FORMAT");
  }

  @Test
  void truncatedImageIs422() throws Exception {
    assertError(postJson("/", new JsonObject().put("img", base64(TestImages.truncated(photo)))), 422, "CORRUPT_IMAGE");
  }

  @Test
  void bombHeaderIs413() throws Exception {
    assertError(postJson("/", new JsonObject().put("img", base64(TestImages.bombPng()))), 413, "IMAGE_TOO_LARGE");
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    String img = base64(new byte[(int) BODY_LIMIT]);
    assertError(postJson("/", new JsonObject().put("img", img)), 413, "BODY_TOO_LARGE");
  }

  @Test
  void privateNetworkUrlIsRefused() throws Exception {
    // 127.0.0.1 is loopback and not in the allowlist (127.0.0.2 is).
    assertError(postJson("/", new JsonObject().put("url", "http://127.0.0.1:" + upstreamPort + "/photo.jpg")),
        400, "URL_NOT_ALLOWED");
    for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "http://localhost:" + upstreamPort + "/",
        "http://[::1]:" + upstreamPort + "/", "http://[::ffff:127.0.0.1]:" + upstreamPort + "/", "http://10.1.2.3/x.jpg",
        "file:///etc/passwd"}) {
      assertError(postJson("/", new JsonObject().put("url", url)), 400, "URL_NOT_ALLOWED");
    }
    // An allowed host that redirects to a refused one.
    assertError(postJson("/", new JsonObject().put("url", upstream("/to-loopback"))), 400, "URL_NOT_ALLOWED");
  }

  @Test
  void upstreamTimeoutIs504() throws Exception {
    assertError(postJson("/", new JsonObject().put("url", upstream("/hang"))), 504, "UPSTREAM_TIMEOUT");
  }

  @Test
  void upstreamFailureIs502() throws Exception {
    assertError(postJson("/", new JsonObject().put("url", upstream("/broken"))), 502, "UPSTREAM_ERROR");
  }

  @Test
  void unknownModelIs400WithTheKnownOnes() throws Exception {
    HttpResponse<String> r = postJson("/v1/segment", new JsonObject().put("img", base64(photo)).put("model", "nope"));
    assertError(r, 400, "UNKNOWN_MODEL");
    assertTrue(new JsonObject(r.body()).getJsonObject("error").getJsonArray("known").size() > 0, r.body());
  }

  @Test
  void badParametersAre400() throws Exception {
    assertError(postJson("/v1/segment", new JsonObject().put("img", base64(photo)).put("output", "sepia")),
        400, "BAD_PARAMETER");
    assertError(postJson("/v1/segment", new JsonObject().put("img", base64(photo)).put("bg_color", "#123")),
        400, "BAD_PARAMETER");
    assertError(post("/v1/segment", "x", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void unknownRouteIsJson404() throws Exception {
    assertError(send(HttpRequest.newBuilder(uri("/nope"))), 404, "NOT_FOUND");
  }

  // --- /v1

  @Test
  void v1JsonHasMetadata() throws Exception {
    HttpResponse<String> r = postJson("/v1/segment", new JsonObject().put("img", base64(photo)).put("refine", true));
    assertEquals(200, r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    assertGreyMask(body.getString("result"));
    assertEquals("image/png", body.getString("media_type"));
    assertEquals(person.width(), body.getJsonObject("metadata").getInteger("width"));
    assertEquals(String.valueOf(person.width()), r.headers().firstValue("X-Width").orElseThrow());
  }

  @Test
  void v1AnswersSayWhichModelMadeTheMaskAndHowFarToTrustIt() throws Exception {
    HttpResponse<String> r = postJson("/v1/segment", new JsonObject().put("img", base64(photo)));
    assertEquals(200, r.statusCode(), r.body());
    JsonObject metadata = new JsonObject(r.body()).getJsonObject("metadata");
    double confidence = metadata.getDouble("confidence");
    // ccp_0082: the built-in model's mask scores IoU 0.97 against the truth, and its confidence is as high.
    assertTrue(confidence > 0.9 && confidence <= 1, "confidence " + confidence);
    assertEquals("selfie", metadata.getString("model"));
    assertEquals(String.format(java.util.Locale.ROOT, "%.4f", confidence),
        r.headers().firstValue("X-Mask-Confidence").orElseThrow());
    assertEquals("selfie", r.headers().firstValue("X-Model").orElseThrow());

    // The image itself as the answer: the same two headers, the same figure.
    HttpResponse<byte[]> raw = HTTP.send(HttpRequest.newBuilder(uri("/v1/segment"))
        .header("Content-Type", "image/jpeg").header("Accept", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, raw.statusCode());
    assertEquals(confidence, Double.parseDouble(raw.headers().firstValue("X-Mask-Confidence").orElseThrow()), 1e-4);
    assertEquals("selfie", raw.headers().firstValue("X-Model").orElseThrow());

    // auto, on a server without a quality model installed: the default model's answer, byte for byte.
    HttpResponse<String> auto = postJson("/v1/segment", new JsonObject().put("img", base64(photo)).put("model", "auto"));
    assertEquals(200, auto.statusCode(), auto.body());
    assertEquals("selfie", auto.headers().firstValue("X-Model").orElseThrow());
    assertEquals(new JsonObject(r.body()).getString("result"), new JsonObject(auto.body()).getString("result"));
    assertEquals(confidence, new JsonObject(auto.body()).getJsonObject("metadata").getDouble("confidence"));

    // A photo with nobody in it: nothing found, and nothing to trust.
    HttpResponse<String> empty = postJson("/v1/segment",
        new JsonObject().put("img", base64(TestImages.wall(320, 240))));
    assertEquals(200, empty.statusCode(), empty.body());
    JsonObject none = new JsonObject(empty.body()).getJsonObject("metadata");
    assertFalse(none.getBoolean("personFound"));
    assertEquals(0.0, none.getDouble("confidence"));
    assertEquals("0.0000", empty.headers().firstValue("X-Mask-Confidence").orElseThrow());
  }

  @Test
  void v1JsonUrl() throws Exception {
    HttpResponse<String> r = postJson("/v1/segment", new JsonObject().put("url", upstream("/photo.jpg")));
    assertEquals(200, r.statusCode(), r.body());
    assertGreyMask(new JsonObject(r.body()).getString("result"));
    HttpResponse<String> s3 = postJson("/v1/segment", new JsonObject().put("url", "s3://photos/me.jpg"));
    assertEquals(200, s3.statusCode(), s3.body());
    assertGreyMask(new JsonObject(s3.body()).getString("result"));
  }

  @Test
  void v1RawBodyGivesTheMask() throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/segment"))
        .header("Content-Type", "image/jpeg").header("Accept", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    assertEquals("image/png", r.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(new int[] {person.width(), person.height(), 8, 0}, TestImages.pngHeader(r.body()));
    person.assertPersonFound(r.body());
  }

  @Test
  void v1RawBodyAnsweredWithTheImage() throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/segment?output=composite&bg_color=00ff00"))
        .header("Content-Type", "image/jpeg").header("Accept", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals((byte) 0xff, r.body()[0]);
    assertEquals(String.valueOf(person.height()), r.headers().firstValue("X-Height").orElseThrow());
  }

  @Test
  void v1Multipart() throws Exception {
    String boundary = "humansegboundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"output\"\r\n\r\nrgba\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"me.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(photo);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/segment"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    int[] header = TestImages.pngHeader(r.body());
    assertArrayEquals(new int[] {person.width(), person.height(), 8, 6}, header, "an 8-bit RGBA PNG");
    person.assertPersonFound(r.body());
  }

  @Test
  void v1CompositeOverAFetchedBackgroundOrBlur() throws Exception {
    HttpResponse<String> r = postJson("/v1/segment", new JsonObject().put("img", base64(photo))
        .put("output", "composite").put("bg_image_url", upstream("/photo.jpg")).put("format", "webp")
        .put("crop", true).put("crop_margin", 0.1));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("image/webp", new JsonObject(r.body()).getString("media_type"));
    HttpResponse<String> blur = postJson("/v1/segment", new JsonObject().put("img", base64(photo))
        .put("output", "composite").put("bg_blur", 8));
    assertEquals(200, blur.statusCode(), blur.body());
    assertEquals("image/jpeg", new JsonObject(blur.body()).getString("media_type"));
    // A background for a mask makes no sense.
    assertError(postJson("/v1/segment", new JsonObject().put("img", base64(photo)).put("bg_blur", 8)),
        400, "BAD_PARAMETER");
  }

  @Test
  void v1NotAcceptable() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/segment")).header("Accept", "image/jpeg")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("img", base64(photo)).encode())));
    assertError(r, 406, "NOT_ACCEPTABLE");
  }

  @Test
  void modelRoutes() throws Exception {
    JsonObject models = new JsonObject(send(HttpRequest.newBuilder(uri("/v1/models"))).body());
    String name = models.getString("default");
    assertTrue(models.getJsonArray("models").size() >= 1, models.encode());
    // No quality model installed here: auto is the default model, and the listing says so.
    JsonObject auto = models.getJsonObject("auto");
    assertEquals(AutoModel.DEFAULT_QUALITY_MODEL, auto.getString("quality_model"), models.encode());
    assertEquals(AutoModel.DEFAULT_THRESHOLD, auto.getDouble("threshold"));
    assertFalse(auto.getBoolean("quality_model_installed"), models.encode());
    HttpResponse<String> v2 = send(HttpRequest.newBuilder(uri("/v2/models/" + name)));
    assertEquals(200, v2.statusCode(), v2.body());
    assertEquals(name, new JsonObject(v2.body()).getString("name"));
    assertEquals(404, send(HttpRequest.newBuilder(uri("/v2/models/nope"))).statusCode());
    HttpResponse<String> ready = awaitReady("/v2/models/" + name + "/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    assertEquals(200, awaitReady("/v2/health/ready").statusCode());
    assertEquals(200, send(HttpRequest.newBuilder(uri("/v2/health/live"))).statusCode());
  }

  @Test
  void metricsArePrometheus() throws Exception {
    assertEquals(200, postJson("/seg", new JsonObject().put("img", base64(photo))).statusCode());
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/metrics")));
    assertEquals(200, r.statusCode());
    for (String metric : new String[] {"humanseg_inflight_requests", "humanseg_worker_queue_depth",
        "humanseg_stage_seconds_bucket{stage=\"inference\"", "humanseg_image_pixels_count",
        "vertx_http_server_requests_total", "vertx_http_server_response_time_seconds_bucket",
        "jvm_memory_used_bytes"}) {
      assertTrue(r.body().contains(metric), metric + " missing");
    }
    // The masks' confidence, by the model that produced them.
    assertTrue(r.body().lines().anyMatch(l -> l.startsWith("humanseg_mask_confidence_count{")
        && l.contains("model=\"selfie\"")), "humanseg_mask_confidence by model missing");
    // Requests are counted by route (the matched path template) and status.
    assertTrue(r.body().lines().anyMatch(l -> l.startsWith("vertx_http_server_requests_total{")
        && l.contains("code=\"200\"") && l.contains("route=\"/seg")),
        String.join("\n", r.body().lines().filter(l -> l.startsWith("vertx_http_server_requests_total")).toList()));
  }

  @Test
  void openApiIsServed() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/openapi.yaml")));
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("openapi: 3"), r.body());
  }

  @Test
  void corsAnswersAnyOriginByDefault() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/segment")).header("Origin", "https://example.org")
        .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertTrue(r.statusCode() == 200 || r.statusCode() == 204, String.valueOf(r.statusCode()));
    assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
  }

  // --- helpers

  static HttpResponse<String> awaitReady(String path) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)));
    while (r.statusCode() != 200 && System.nanoTime() < end) {
      Thread.sleep(100);
      r = send(HttpRequest.newBuilder(uri(path)));
    }
    return r;
  }

  /** An 8-bit grey PNG at the photo's size, with the person in it. */
  private static void assertGreyMask(String base64Png) {
    byte[] png = Base64.getDecoder().decode(base64Png);
    assertArrayEquals(new int[] {person.width(), person.height(), 8, 0}, TestImages.pngHeader(png),
        "an 8-bit grey PNG at the photo's size");
    person.assertPersonFound(png);
  }

  static void assertError(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonObject error = new JsonObject(r.body()).getJsonObject("error");
    assertEquals(code, error.getString("code"), r.body());
    assertNotNull(error.getString("message"));
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String upstream(String path) {
    return "http://127.0.0.2:" + upstreamPort + path;
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> postJson(String path, JsonObject body) throws Exception {
    return post(path, body.encode(), "application/json");
  }

  private static HttpResponse<String> post(String path, String body, String type) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
