package io.humanseg.server.config;

import io.humanseg.server.fetch.FetchConfig;
import io.humanseg.inference.ExecutionProvider;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.server.http.ServerConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link ServerConfig} from, lowest priority first: the defaults, a JSON file, environment variables
 * and command-line flags. Every setting has one snake_case key; its variable is {@code HUMANSEG_} plus the key in
 * capitals (e.g. {@code queue_size}, {@code HUMANSEG_QUEUE_SIZE}). Lists are JSON arrays in the file and
 * comma-separated in variables and flags.
 */
public final class ConfigLoader {
  /** Every key this loader reads; unknown keys in a file are refused, so that a typo is not silently ignored. */
  public static final List<String> KEYS = List.of("host", "port", "workers", "queue_size", "max_body_bytes",
      "deadline_ms", "shutdown_grace_ms", "api_keys", "cors_origins", "ssrf_allowlist", "fetch_max_bytes",
      "fetch_connect_timeout_ms", "fetch_total_timeout_ms", "fetch_max_redirects", "s3_region", "s3_endpoint",
      "s3_path_style", "intra_op_threads", "models_dir", "preload_models", "max_loaded_models", "idle_timeout_ms",
      "header_timeout_ms", "max_inflight_bytes", "execution_provider", "auto_model", "auto_threshold");

  private ConfigLoader() {}

  /**
   * @param file a JSON file, or null
   * @param env the environment (System.getenv() outside tests)
   * @param flags settings given on the command line, by key; null values are ignored
   */
  public static ServerConfig load(Path file, Map<String, String> env, Map<String, Object> flags) {
    JsonObject settings = new JsonObject();
    if (file != null) {
      settings.mergeIn(readFile(file));
    }
    for (String key : KEYS) {
      String value = env.get("HUMANSEG_" + key.toUpperCase(Locale.ROOT));
      if (value != null && !value.isBlank()) {
        settings.put(key, value);
      }
    }
    flags.forEach((k, v) -> {
      if (v != null) {
        settings.put(k, v);
      }
    });
    return build(settings);
  }

  private static JsonObject readFile(Path file) {
    try {
      JsonObject json = new JsonObject(Files.readString(file));
      for (String key : json.fieldNames()) {
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException("unknown setting '" + key + "' in " + file + "; known: " + KEYS);
        }
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config " + file, e);
    }
  }

  static ServerConfig build(JsonObject s) {
    ServerConfig d = new ServerConfig("0.0.0.0", 8080);
    int workers = integer(s, "workers", d.workers());
    FetchConfig fetch = FetchConfig.defaults()
        .withTimeouts(millis(s, "fetch_connect_timeout_ms", FetchConfig.defaults().connectTimeout()),
            millis(s, "fetch_total_timeout_ms", FetchConfig.defaults().totalTimeout()))
        .withMaxBytes(longValue(s, "fetch_max_bytes", FetchConfig.DEFAULT_MAX_BYTES))
        .withMaxRedirects(integer(s, "fetch_max_redirects", FetchConfig.defaults().maxRedirects()))
        .withAllowlist(list(s, "ssrf_allowlist", List.of()).toArray(String[]::new));
    String endpoint = string(s, "s3_endpoint", null);
    fetch = fetch.withS3(new FetchConfig.S3(string(s, "s3_region", null),
        endpoint == null ? null : URI.create(endpoint), Boolean.parseBoolean(string(s, "s3_path_style", "false")),
        null, null));
    long maxBody = longValue(s, "max_body_bytes", d.maxBodyBytes());
    ServerConfig.Limits limits = ServerConfig.Limits.defaults(maxBody);
    limits = new ServerConfig.Limits(millis(s, "idle_timeout_ms", limits.idleTimeout()),
        millis(s, "header_timeout_ms", limits.headerTimeout()),
        longValue(s, "max_inflight_bytes", limits.maxInflightBytes()));
    return new ServerConfig(
        string(s, "host", d.host()),
        integer(s, "port", d.port()),
        workers,
        // The queue follows the workers unless it is set on its own.
        integer(s, "queue_size", 4 * workers),
        maxBody,
        millis(s, "deadline_ms", d.deadline()),
        millis(s, "shutdown_grace_ms", d.shutdownGrace()),
        fetch,
        new LinkedHashSet<>(list(s, "api_keys", List.of())),
        list(s, "cors_origins", d.corsOrigins()),
        integer(s, "intra_op_threads", d.intraOpThreads()),
        new ServerConfig.ModelsConfig(
            Path.of(string(s, "models_dir", d.models().dir().toString())),
            list(s, "preload_models", d.models().preload()),
            integer(s, "max_loaded_models", d.models().maxLoaded()),
            ExecutionProvider.parse(string(s, "execution_provider", d.models().executionProvider().id())),
            AutoModel.of(string(s, "auto_model", null), string(s, "auto_threshold", null))),
        limits);
  }

  private static String string(JsonObject s, String key, String fallback) {
    Object v = s.getValue(key);
    return v == null ? fallback : String.valueOf(v);
  }

  private static int integer(JsonObject s, String key, int fallback) {
    return Math.toIntExact(longValue(s, key, fallback));
  }

  private static long longValue(JsonObject s, String key, long fallback) {
    String v = string(s, key, null);
    try {
      return v == null ? fallback : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
    }
  }

  private static Duration millis(JsonObject s, String key, Duration fallback) {
    return s.getValue(key) == null ? fallback : Duration.ofMillis(longValue(s, key, 0));
  }

  private static List<String> list(JsonObject s, String key, List<String> fallback) {
    Object v = s.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof JsonArray a) {
      return a.stream().map(String::valueOf).toList();
    }
    return Arrays.stream(String.valueOf(v).split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }
}
