package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server serves ({@code GET /openapi.yaml}), read by the OpenAPI 3 reference parser
 * (swagger-parser, with every $ref resolved): it must parse without a message, name exactly the routes the router
 * has, and real answers of every operation, successes and errors, must match it: a documented status, a documented
 * media type, documented headers of their schemas, and JSON bodies valid against their schemas (Vert.x's JSON
 * Schema validator).
 */
class OpenApiTest {
  private static final Pattern PARAM = Pattern.compile(":(\\w+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final byte[] PHOTO = TestImages.jpeg(320, 240);

  private static HumansegServer server;
  private static OpenAPI api;
  /** operationIds whose answers were checked; every operation must be among them. */
  private static final Set<String> checked = new HashSet<>();

  @BeforeAll
  static void start() throws Exception {
    server = HumansegServer.start(new ServerConfig("127.0.0.1", 0)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    HttpResponse<byte[]> served = get("/openapi.yaml");
    assertEquals(200, served.statusCode());
    api = parse(new String(served.body(), StandardCharsets.UTF_8));
    // Readiness answers 503 until the default model is warm; the test checks the 200 answer.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (get("/health/ready").statusCode() != 200 && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertEquals(200, get("/health/ready").statusCode(), "the server became ready");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void documentAndRouterAgree() {
    Set<String> routed = new TreeSet<>();
    for (Route route : server.router().getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // router-wide handlers (request id, CORS, failures) have no path of their own
      }
      String path = PARAM.matcher(route.getPath()).replaceAll("{$1}");
      for (HttpMethod m : route.methods()) {
        routed.add(m.name().toLowerCase() + " " + path);
      }
    }
    Set<String> documented = new TreeSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap()
        .forEach((method, op) -> documented.add(method.name().toLowerCase() + " " + path)));
    assertEquals(documented, routed);
  }

  @Test
  void everyOperationAnswersAsDocumented() throws Exception {
    String img = Base64.getEncoder().encodeToString(PHOTO);
    check("demoPage", get("/"));
    check("segmentSeed", post("/", new JsonObject().put("img", img)));
    check("segmentSeed", post("/", new JsonObject()));
    check("segmentSeedSeg", post("/seg", new JsonObject().put("img", img)));
    check("segmentSeedSeg", post("/seg", new JsonObject().put("img", Base64.getEncoder().encodeToString(
        "not a picture".getBytes()))));
    check("segment", post("/v1/segment", new JsonObject().put("img", img).put("output", "rgba")));
    check("segment", send(HttpRequest.newBuilder(uri("/v1/segment?output=composite&bg_color=00ff00"))
        .header("Content-Type", "image/jpeg").header("Accept", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(PHOTO))));
    check("segment", post("/v1/segment", new JsonObject().put("img", img).put("model", "nope")));
    check("segment", send(HttpRequest.newBuilder(uri("/v1/segment")).header("Accept", "image/jpeg")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("img", img).encode()))));
    HttpResponse<byte[]> models = get("/v1/models");
    check("listModels", models);
    String name = new JsonObject(Buffer.buffer(models.body())).getString("default");
    check("healthLive", get("/health/live"));
    check("healthReady", get("/health/ready"));
    check("v2HealthLive", get("/v2/health/live"));
    check("v2HealthReady", get("/v2/health/ready"));
    check("v2ModelMetadata", get("/v2/models/" + name));
    check("v2ModelMetadata", get("/v2/models/nope"));
    check("v2ModelReady", get("/v2/models/" + name + "/ready"));
    check("v2ModelReady", get("/v2/models/nope/ready"));
    check("metrics", get("/metrics"));
    check("openApiDocument", get("/openapi.yaml"));
    check("demoFile", get("/demo/app.js"));
    check("demoFile", get("/demo/app.css"));
    check("demoFile", get("/demo/nope.js"));

    Set<String> operations = new TreeSet<>();
    api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> operations.add(op.getOperationId())));
    assertEquals(operations, new TreeSet<>(checked), "operations whose answers were checked");
  }

  @Test
  void anAnswerThatBreaksTheDocumentFails() {
    // The checks are not a rubber stamp: an undocumented status, an undocumented media type, an error body without
    // its code and a header of the wrong type all fail.
    String error = new JsonObject().put("error", new JsonObject().put("code", "X").put("message", "m")).encode();
    assertThrows(AssertionError.class, () -> check("segment", 418, Map.of(), "application/json", error.getBytes()));
    assertThrows(AssertionError.class, () -> check("segment", 400, Map.of(), "text/html", error.getBytes()));
    assertThrows(AssertionError.class, () -> check("segment", 400, Map.of(), "application/json",
        new JsonObject().put("error", new JsonObject().put("message", "m")).encode().getBytes()));
    assertThrows(AssertionError.class, () -> check("segment", 200, Map.of("X-Width", "wide"), "image/png",
        PHOTO));
    assertThrows(AssertionError.class, () -> check("segment", 200, Map.of("X-Mask-Confidence", "1.5"), "image/png",
        PHOTO));
    assertThrows(AssertionError.class, () -> check("segment", 200, Map.of("X-Mask-Confidence", "high"), "image/png",
        PHOTO));
    String noConfidence = new JsonObject().put("result", "AA==").put("media_type", "image/png")
        .put("metadata", new JsonObject().put("width", 1).put("height", 1).put("foregroundFraction", 0)
            .put("personFound", false).put("model", "selfie").put("timingsMs", new JsonObject())).encode();
    assertThrows(AssertionError.class, () -> check("segment", 200, Map.of(), "application/json",
        noConfidence.getBytes()));
    check("segment", 400, Map.of(), "application/json", error.getBytes()); // and the right answer passes
    check("segment", 200, Map.of("X-Mask-Confidence", "0.9731", "X-Model", "selfie"), "application/json",
        new JsonObject(noConfidence).put("metadata", new JsonObject(noConfidence).getJsonObject("metadata")
            .put("confidence", 0.9731)).encode().getBytes());
  }

  /** One real answer of the operation against the document. */
  private static void check(String operationId, HttpResponse<byte[]> r) {
    Map<String, String> headers = new HashMap<>();
    r.headers().map().forEach((k, v) -> headers.put(k, String.join(",", v)));
    String type = r.headers().firstValue("Content-Type").orElse(null);
    check(operationId + " " + r.request().method() + " " + r.uri().getPath(), operation(operationId), r.statusCode(),
        headers, type, r.body());
    checked.add(operationId);
  }

  private static void check(String operationId, int status, Map<String, String> headers, String type, byte[] body) {
    check(operationId, operation(operationId), status, headers, type, body);
  }

  private static void check(String what, Operation op, int status, Map<String, String> headers, String type,
      byte[] body) {
    ApiResponse documented = op.getResponses().get(String.valueOf(status));
    if (documented == null) {
      documented = op.getResponses().get(status / 100 + "XX");
    }
    if (documented == null) {
      documented = op.getResponses().getDefault();
    }
    assertNotNull(documented, what + ": status " + status + " is not documented");
    if (documented.getHeaders() != null) {
      for (Map.Entry<String, Header> h : documented.getHeaders().entrySet()) {
        String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(h.getKey()))
            .map(Map.Entry::getValue).findFirst().orElse(null);
        if (value != null && h.getValue().getSchema() != null) {
          String schemaType = h.getValue().getSchema().getType();
          Object instance = "integer".equals(schemaType) ? parseIntOrText(value)
              : "number".equals(schemaType) ? parseNumberOrText(value) : value;
          assertValid(what + ": header " + h.getKey(), h.getValue().getSchema(), instance);
        }
      }
    }
    if (documented.getContent() == null || documented.getContent().isEmpty()) {
      assertEquals(0, body.length, what + ": a body where none is documented");
      return;
    }
    assertNotNull(type, what + ": no Content-Type");
    String base = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    MediaType media = documented.getContent().get(base);
    assertNotNull(media, what + ": " + base + " is not among the documented " + documented.getContent().keySet());
    if (base.equals("application/json")) {
      Object instance = jsonBody(body, what);
      if (media.getSchema() != null) {
        assertValid(what + ": body", media.getSchema(), instance);
      }
    } else {
      assertTrue(body.length > 0, what + ": empty " + base + " body");
    }
  }

  private static Operation operation(String operationId) {
    return api.getPaths().values().stream().flatMap(item -> item.readOperations().stream())
        .filter(op -> operationId.equals(op.getOperationId())).findFirst()
        .orElseThrow(() -> new AssertionError("no operation " + operationId + " in the document"));
  }

  private static Object jsonBody(byte[] body, String what) {
    try {
      return Json.mapper().readValue(body, Object.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(what + ": not JSON: " + new String(body, StandardCharsets.UTF_8), e);
    }
  }

  private static Object parseNumberOrText(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private static Object parseIntOrText(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return value;
    }
  }

  /** The instance against the (resolved) OpenAPI 3.0 schema, which is JSON Schema draft 4 in its essentials. */
  private static void assertValid(String what, Schema<?> schema, Object instance) {
    JsonObject json;
    try {
      json = new JsonObject(Json.mapper().writeValueAsString(schema));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
    OutputUnit result = Validator.create(JsonSchema.of(json),
        new JsonSchemaOptions().setDraft(Draft.DRAFT4).setBaseUri("https://humanseg.invalid/")).validate(instance);
    assertTrue(result.getValid(), what + " does not match its schema " + json.encode() + ": " + result.getErrors());
  }

  /** The document as the reference parser reads it; any message (an error or an unexpected field) fails. */
  private static OpenAPI parse(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
    assertTrue(result.getMessages() == null || result.getMessages().isEmpty(), "openapi.yaml: " + result.getMessages());
    assertNotNull(result.getOpenAPI(), "openapi.yaml did not parse");
    return result.getOpenAPI();
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)));
  }

  private static HttpResponse<byte[]> post(String path, JsonObject body) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
