package io.humanseg.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.pipeline.AutoModel;
import io.humanseg.server.http.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, then the file, then the environment, then flags. */
class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaults() {
    ServerConfig c = ConfigLoader.load(null, Map.of(), Map.of());
    assertEquals(8080, c.port());
    assertEquals(ServerConfig.defaultWorkers(), c.workers());
    assertEquals(4 * c.workers(), c.queueSize());
    assertEquals(ServerConfig.DEFAULT_MAX_BODY_BYTES, c.maxBodyBytes());
    assertEquals(List.of("*"), c.corsOrigins());
    assertTrue(c.apiKeys().isEmpty());
  }

  @Test
  void fileThenEnvironmentThenFlags() throws Exception {
    Path file = dir.resolve("humanseg.json");
    Files.writeString(file, """
        {"port": 9000, "workers": 3, "queue_size": 7, "api_keys": ["a", "b"], "deadline_ms": 5000,
         "ssrf_allowlist": ["10.0.0.0/8"], "cors_origins": ["https://example.org"],
         "preload_models": ["isnet"], "max_loaded_models": 3}
        """);
    Map<String, String> env = Map.of("HUMANSEG_PORT", "9100", "HUMANSEG_MAX_BODY_BYTES", "1000",
        "HUMANSEG_API_KEYS", "k1, k2", "HUMANSEG_MODELS_DIR", "/srv/models");
    Map<String, Object> flags = new HashMap<>();
    flags.put("port", 9200);
    flags.put("workers", null);
    ServerConfig c = ConfigLoader.load(file, env, flags);
    assertEquals(9200, c.port());
    assertEquals(3, c.workers());
    assertEquals(7, c.queueSize());
    assertEquals(1000, c.maxBodyBytes());
    assertEquals(Set.of("k1", "k2"), c.apiKeys());
    assertEquals(Duration.ofSeconds(5), c.deadline());
    assertEquals(1, c.fetch().allowlist().size());
    assertEquals(List.of("https://example.org"), c.corsOrigins());
    assertEquals(new ServerConfig.ModelsConfig(Path.of("/srv/models"), List.of("isnet"), 3), c.models());
  }

  @Test
  void typosAndBadNumbersAreRefused() throws Exception {
    Path file = dir.resolve("typo.json");
    Files.writeString(file, "{\"wrokers\": 2}");
    assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("HUMANSEG_WORKERS", "many"), Map.of()));
    IllegalArgumentException auto = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("HUMANSEG_AUTO_THRESHOLD", "2"), Map.of()));
    assertTrue(auto.getMessage().contains("auto threshold"), auto.getMessage());
  }

  @Test
  void autoTakesItsQualityModelAndThresholdFromTheFileOrTheEnvironment() throws Exception {
    assertEquals(AutoModel.defaults(), ConfigLoader.load(null, Map.of(), Map.of()).models().auto());
    Path file = dir.resolve("auto.json");
    Files.writeString(file, "{\"auto_model\": \"my-model\", \"auto_threshold\": 0.5}");
    assertEquals(new AutoModel("my-model", 0.5), ConfigLoader.load(file, Map.of(), Map.of()).models().auto());
    assertEquals(new AutoModel("my-model", 0.75),
        ConfigLoader.load(file, Map.of("HUMANSEG_AUTO_THRESHOLD", "0.75"), Map.of()).models().auto());
  }
}
