package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
import io.humanseg.model.tiny.TinyModels;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.model.tiny.TinyModels.Spec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Choosing models on a running server: installed models beside the built-in ones, the {@code model} option per
 * request, preloading, the bound on open sessions, and unknown names.
 */
class ServerModelChoiceTest {
  private static final int[] FIGURE = {60, 30, 80, 110};
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path models;
  private static HumansegServer server;
  private static byte[] picture;

  @BeforeAll
  static void start() throws Exception {
    for (Spec spec : List.of(Spec.of("height", "sigmoid"), Spec.of("longest", "softmax"), Spec.of("fixed", "minmax"))) {
      TinyModels.install(spec, models);
    }
    picture = TinyModels.png(TinyModels.picture(200, 170, FIGURE));
    // auto escalates to a tiny model whenever selfie is less than sure (threshold 1): on these red-and-blue
    // pictures selfie finds nobody, the tiny models find the figure.
    ServerConfig config = new ServerConfig("127.0.0.1", 0)
        .withModels(new ServerConfig.ModelsConfig(models, List.of("tiny-height-sigmoid"), 2)
            .withAuto(new AutoModel("tiny-longest-softmax", 1.0)));
    server = HumansegServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
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
  void modelsListsBuiltInAndInstalledWithThePreloadedOneLoaded() throws Exception {
    JsonObject body = new JsonObject(get("/v1/models").body());
    assertEquals("selfie", body.getString("default"));
    Map<String, Boolean> loaded = loaded(body.getJsonArray("models"));
    assertTrue(loaded.keySet().containsAll(
        List.of("selfie", "selfie-landscape", "tiny-height-sigmoid", "tiny-longest-softmax", "tiny-fixed-minmax")),
        body.encode());
    assertTrue(loaded.get("tiny-height-sigmoid"), "preloaded: " + body.encode());
    JsonObject card = body.getJsonArray("models").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("name").equals("tiny-longest-softmax")).findFirst().orElseThrow();
    assertEquals("longest", card.getJsonObject("input").getJsonObject("size").getString("policy"));
    JsonObject auto = body.getJsonObject("auto");
    assertEquals("tiny-longest-softmax", auto.getString("quality_model"), body.encode());
    assertEquals(1.0, auto.getDouble("threshold"));
    assertTrue(auto.getBoolean("quality_model_installed"), body.encode());
  }

  @Test
  void eachRequestRunsTheModelItNamesAndSessionsStayBounded() throws Exception {
    for (String model : List.of("tiny-longest-softmax", "tiny-fixed-minmax", "tiny-height-sigmoid")) {
      HttpResponse<String> r = post(new JsonObject()
          .put("img", Base64.getEncoder().encodeToString(picture)).put("model", model));
      assertEquals(200, r.statusCode(), r.body());
      JsonObject answer = new JsonObject(r.body());
      assertEquals(model, answer.getJsonObject("metadata").getString("model"));
      RgbImage mask = new ImageDecoder().decode(Base64.getDecoder().decode(answer.getString("result")));
      assertTrue(TinyModels.iou(toAlpha(mask), FIGURE) > 0.9, model);
      long open = loaded(new JsonObject(get("/v1/models").body()).getJsonArray("models")).values().stream()
          .filter(b -> b).count();
      assertTrue(open <= 2, "at most max_loaded_models sessions open, not " + open);
    }
  }

  @Test
  void autoAnswersWithTheQualityModelWhenTheDefaultOneIsUnsureAndSaysSo() throws Exception {
    HttpResponse<String> r = post(new JsonObject()
        .put("img", Base64.getEncoder().encodeToString(picture)).put("model", "auto"));
    assertEquals(200, r.statusCode(), r.body());
    JsonObject metadata = new JsonObject(r.body()).getJsonObject("metadata");
    assertEquals("tiny-longest-softmax", metadata.getString("model"));
    assertEquals("tiny-longest-softmax", r.headers().firstValue("X-Model").orElseThrow());
    RgbImage mask = new ImageDecoder().decode(
        Base64.getDecoder().decode(new JsonObject(r.body()).getString("result")));
    assertTrue(TinyModels.iou(toAlpha(mask), FIGURE) > 0.9, "the quality model's mask: the figure");
    double confidence = metadata.getDouble("confidence");
    assertTrue(confidence > 0.5, "the quality model's own confidence, not selfie's: " + confidence);
    assertEquals(String.format(java.util.Locale.ROOT, "%.4f", confidence),
        r.headers().firstValue("X-Mask-Confidence").orElseThrow());
  }

  @Test
  void theSecondPassCanBeAskedForOrRefused() throws Exception {
    String img = Base64.getEncoder().encodeToString(picture);
    for (boolean on : new boolean[] {true, false}) {
      HttpResponse<String> r = post(new JsonObject().put("img", img).put("model", "tiny-height-sigmoid").put("second_pass", on));
      assertEquals(200, r.statusCode(), r.body());
    }
    ServerApiTest.assertError(
        post(new JsonObject().put("img", img).put("second_pass", "maybe")), 400, "BAD_PARAMETER");
  }

  @Test
  void namesThatAreNotModelsAre400WithTheList() throws Exception {
    for (String bad : List.of("nope", "../tiny-height-sigmoid", models.resolve("tiny-height-sigmoid").toString())) {
      HttpResponse<String> r = post(new JsonObject()
          .put("img", Base64.getEncoder().encodeToString(picture)).put("model", bad));
      ServerApiTest.assertError(r, 400, "UNKNOWN_MODEL");
      JsonArray known = new JsonObject(r.body()).getJsonObject("error").getJsonArray("known");
      assertTrue(known.contains("tiny-fixed-minmax") && known.contains("selfie"), r.body());
    }
  }

  @Test
  void preloadingAnUnknownModelOrTooManyFailsTheStart() {
    ExecutionException unknown = assertThrows(ExecutionException.class, () -> HumansegServer.start(
            new ServerConfig("127.0.0.1", 0).withModels(new ServerConfig.ModelsConfig(models, List.of("nope"), 2)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertTrue(unknown.getCause().getMessage().contains("unknown model 'nope'"), unknown.getMessage());
    ExecutionException tooMany = assertThrows(ExecutionException.class, () -> HumansegServer.start(
            new ServerConfig("127.0.0.1", 0).withModels(new ServerConfig.ModelsConfig(models,
                List.of("tiny-fixed-minmax", "tiny-height-sigmoid"), 2)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertTrue(tooMany.getCause().getMessage().contains("max_loaded_models"), tooMany.getMessage());
  }

  private static AlphaMask toAlpha(RgbImage grey) {
    byte[] a = new byte[grey.width() * grey.height()];
    for (int i = 0; i < a.length; i++) {
      a[i] = grey.rgb()[3 * i];
    }
    return new AlphaMask(grey.width(), grey.height(), a);
  }

  private static Map<String, Boolean> loaded(JsonArray models) {
    Map<String, Boolean> loaded = new HashMap<>();
    models.stream().map(JsonObject.class::cast).forEach(m -> loaded.put(m.getString("name"), m.getBoolean("loaded")));
    return loaded;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(JsonObject body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri("/v1/segment")).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
