package io.humanseg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.inference.ExecutionProvider;
import io.humanseg.model.tiny.TinyModels;
import io.humanseg.model.tiny.TinyModels.Spec;
import io.humanseg.server.config.ConfigLoader;
import io.humanseg.server.http.HumansegServer;
import io.humanseg.server.http.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution provider setting on this (CPU) build, as a user meets it: {@code cuda} stops the server and the
 * CLI at once with one line, {@code auto} falls back to the CPU and says so in {@code /v1/models}. (On a GPU
 * machine with the -Pgpu build, server/src/bench/gpu-check.sh is the check.)
 */
class ExecutionProviderTest {
  @TempDir Path tmp;
  private final Cli cli = new Cli();

  @Test
  void theSettingIsReadFromTheEnvironmentInAnyCase() {
    ServerConfig c = ConfigLoader.load(null, Map.of("HUMANSEG_EXECUTION_PROVIDER", "Auto"), Map.of());
    assertEquals(ExecutionProvider.AUTO, c.models().executionProvider());
    assertEquals(ExecutionProvider.CPU, ConfigLoader.load(null, Map.of(), Map.of()).models().executionProvider());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("HUMANSEG_EXECUTION_PROVIDER", "tpu"), Map.of()));
    assertTrue(bad.getMessage().contains("[cpu, cuda, auto]"), bad.getMessage());
  }

  @Test
  void cudaWithoutCudaFailsTheServerStartInOneLine() {
    ServerConfig config = new ServerConfig("127.0.0.1", 0)
        .withModels(ServerConfig.ModelsConfig.defaults().withExecutionProvider(ExecutionProvider.CUDA));
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> HumansegServer.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    String message = e.getCause().getMessage();
    assertTrue(message.contains("execution provider cuda asked for, but CUDA is not usable here"), message);
    assertFalse(message.contains("\n"), "one line: " + message);
  }

  @Test
  void autoRunsOnTheCpuAndSaysSoPerLoadedModel() throws Exception {
    ServerConfig config = new ServerConfig("127.0.0.1", 0)
        .withModels(ServerConfig.ModelsConfig.defaults().withExecutionProvider(ExecutionProvider.AUTO));
    HumansegServer server =
        HumansegServer.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() != 200 && System.nanoTime() < end) {
        Thread.sleep(100);
      }
      JsonObject models = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      boolean sawDefault = false;
      for (Object o : models.getJsonArray("models")) {
        JsonObject m = (JsonObject) o;
        if (m.getString("name").equals("selfie")) {
          assertTrue(m.getBoolean("loaded"), m.encode());
          assertEquals("cpu", m.getString("execution_provider"), m.encode());
          sawDefault = true;
        } else if (!m.getBoolean("loaded")) {
          assertTrue(m.getValue("execution_provider") == null, m.encode());
        }
      }
      assertTrue(sawDefault, models.encode());
    } finally {
      server.close();
    }
  }

  @Test
  void cudaWithoutCudaFailsTheCliInOneLine() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("figure.png"), TinyModels.png(TinyModels.picture(120, 100, new int[] {30, 20, 40, 60})));
    assertEquals(1, cli.run("segment", in.toString(), "-o", tmp.resolve("out").toString(),
        "--execution-provider", "cuda"));
    assertTrue(cli.err().contains("execution provider cuda asked for, but CUDA is not usable here"), cli.err());
    assertEquals(1, cli.err().strip().lines().count(), cli.err());
    assertFalse(Files.exists(tmp.resolve("out/figure.png")));

    // auto: runs, on the CPU.
    TinyModels.install(Spec.of("height", "softmax"), tmp.resolve("models"));
    assertEquals(0, cli.run("segment", in.toString(), "-o", tmp.resolve("auto").toString(), "--execution-provider",
        "AUTO", "--models-dir", tmp.resolve("models").toString(), "--model", "tiny-height-softmax"));
    assertTrue(Files.exists(tmp.resolve("auto/figure.png")));
  }
}
