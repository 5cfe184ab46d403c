package io.humanseg.server.http;

import io.humanseg.image.ImageLimits;
import io.humanseg.server.fetch.FetchConfig;
import io.humanseg.inference.ExecutionProvider;
import io.humanseg.inference.FolderModelProvider;
import io.humanseg.pipeline.AutoModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything the server is configured with. {@code server.config.ConfigLoader} fills it from a file, the
 * environment and flags; tests build it directly.
 *
 * @param host address to listen on
 * @param port port, 0 for any free one
 * @param workers threads that decode, segment and encode (default: the core count)
 * @param queueSize requests that may wait for a worker before 503 (default: 4 per worker)
 * @param maxBodyBytes request body limit; 413 beyond it
 * @param deadline per request, from arrival to answer; 503 DEADLINE_EXCEEDED beyond it
 * @param shutdownGrace how long requests in flight may take to finish on shutdown
 * @param fetch URL fetching limits and the SSRF allowlist
 * @param apiKeys accepted API keys; empty means no authentication
 * @param corsOrigins allowed origins; {@code *} (the default) allows any, like the seed
 * @param intraOpThreads ONNX Runtime threads per inference (1: parallelism comes from the workers)
 * @param models where models beyond the built-in ones are installed, which load at start, how many stay open
 * @param limits connection timeouts and the in-flight byte budget
 */
public record ServerConfig(
    String host, int port, int workers, int queueSize, long maxBodyBytes, Duration deadline, Duration shutdownGrace,
    FetchConfig fetch, Set<String> apiKeys, List<String> corsOrigins, int intraOpThreads, ModelsConfig models,
    Limits limits) {

  /**
   * Base64 of the largest image the decoder accepts (32 MiB: a 4096 px photo) plus room for the JSON and
   * options: about 43 MiB.
   */
  public static final long DEFAULT_MAX_BODY_BYTES = (ImageLimits.DEFAULT.maxBytes() + 2) / 3 * 4 + 64 * 1024;

  public ServerConfig {
    if (workers < 1 || queueSize < 0 || maxBodyBytes < 1 || port < 0 || port > 65535) {
      throw new IllegalArgumentException("workers >= 1, queue >= 0, body limit >= 1, port 0..65535 required");
    }
    if (limits.maxInflightBytes() < maxBodyBytes) {
      throw new IllegalArgumentException("max_inflight_bytes (" + limits.maxInflightBytes()
          + ") must be at least max_body_bytes (" + maxBodyBytes + "), or no request of the largest size could pass");
    }
    apiKeys = Set.copyOf(apiKeys);
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** The defaults on {@code host:port}. */
  public ServerConfig(String host, int port) {
    this(host, port, defaultWorkers(), 4 * defaultWorkers(), DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30),
        Duration.ofSeconds(20), FetchConfig.defaults(), Set.of(), List.of("*"), 1, ModelsConfig.defaults(),
        Limits.defaults(DEFAULT_MAX_BODY_BYTES));
  }

  public static int defaultWorkers() {
    return Runtime.getRuntime().availableProcessors();
  }

  public ServerConfig withPool(int workers, int queueSize) {
    return new ServerConfig(host, port, workers, queueSize, maxBodyBytes, deadline, shutdownGrace, fetch, apiKeys,
        corsOrigins, intraOpThreads, models, limits);
  }

  public ServerConfig withMaxBodyBytes(long bytes) {
    return new ServerConfig(host, port, workers, queueSize, bytes, deadline, shutdownGrace, fetch, apiKeys,
        corsOrigins, intraOpThreads, models, limits);
  }

  public ServerConfig withTimes(Duration deadline, Duration shutdownGrace) {
    return new ServerConfig(host, port, workers, queueSize, maxBodyBytes, deadline, shutdownGrace, fetch, apiKeys,
        corsOrigins, intraOpThreads, models, limits);
  }

  public ServerConfig withFetch(FetchConfig fetch) {
    return new ServerConfig(host, port, workers, queueSize, maxBodyBytes, deadline, shutdownGrace, fetch, apiKeys,
        corsOrigins, intraOpThreads, models, limits);
  }

  public ServerConfig withApiKeys(Set<String> keys) {
    return new ServerConfig(host, port, workers, queueSize, maxBodyBytes, deadline, shutdownGrace, fetch, keys,
        corsOrigins, intraOpThreads, models, limits);
  }

  public ServerConfig withCorsOrigins(List<String> origins) {
    return new ServerConfig(host, port, workers, queueSize, maxBodyBytes, deadline, shutdownGrace, fetch, apiKeys,
        origins, intraOpThreads, models, limits);
  }

  public ServerConfig withModels(ModelsConfig models) {
    return new ServerConfig(host, port, workers, queueSize, maxBodyBytes, deadline, shutdownGrace, fetch, apiKeys,
        corsOrigins, intraOpThreads, models, limits);
  }

  public ServerConfig withLimits(Limits limits) {
    return new ServerConfig(host, port, workers, queueSize, maxBodyBytes, deadline, shutdownGrace, fetch, apiKeys,
        corsOrigins, intraOpThreads, models, limits);
  }

  /**
   * What one client may hold of the server: connections and memory.
   *
   * @param idleTimeout a connection with no bytes in either direction for this long is closed. It also runs while
   *     the server works on a request, so it must be longer than the deadline
   * @param headerTimeout a new connection must send its first request's complete headers within this time, or
   *     it is closed (slow-header and idle clients); later requests on a kept-alive connection get the idle
   *     timeout
   * @param maxInflightBytes request bodies held at once, across all requests; a request whose body would pass it
   *     is refused with 503 before its body is read. At least the body limit
   */
  public record Limits(Duration idleTimeout, Duration headerTimeout, long maxInflightBytes) {
    public Limits {
      if (idleTimeout.isNegative() || idleTimeout.isZero() || headerTimeout.isNegative() || headerTimeout.isZero()
          || maxInflightBytes < 1) {
        throw new IllegalArgumentException("idle and header timeouts and max_inflight_bytes must be positive");
      }
    }

    /** 60 s idle, 10 s for headers, a quarter of the heap (at least one request of the largest size). */
    public static Limits defaults(long maxBodyBytes) {
      return new Limits(Duration.ofSeconds(60), Duration.ofSeconds(10),
          Math.max(maxBodyBytes, Runtime.getRuntime().maxMemory() / 4));
    }

    public Limits withMaxInflightBytes(long bytes) {
      return new Limits(idleTimeout, headerTimeout, bytes);
    }

    public Limits withTimeouts(Duration idle, Duration header) {
      return new Limits(idle, header, maxInflightBytes);
    }
  }

  /**
   * The models beyond the built-in ones.
   *
   * @param dir folder of installed models ({@code <dir>/<name>/card.json}); missing means none
   * @param preload models loaded and warmed up before the server reports ready, besides the default; the others
   *     load on their first request
   * @param maxLoaded sessions open at once; the least recently used closes when another loads, which bounds
   *     memory (an IS-Net session takes about 1 GB)
   * @param executionProvider where ONNX Runtime runs the models ({@code execution_provider}: cpu, cuda, auto)
   * @param auto what the model name {@code auto} runs ({@code auto_model}, {@code auto_threshold}); it needs
   *     {@code max_loaded_models} of at least 2 to keep both its models open
   */
  public record ModelsConfig(Path dir, List<String> preload, int maxLoaded, ExecutionProvider executionProvider,
      AutoModel auto) {
    public ModelsConfig {
      if (maxLoaded < 1) {
        throw new IllegalArgumentException("max_loaded_models must be >= 1");
      }
      preload = List.copyOf(preload);
      java.util.Objects.requireNonNull(executionProvider, "executionProvider");
      java.util.Objects.requireNonNull(auto, "auto");
    }

    /** On the CPU, with {@code auto}'s defaults. */
    public ModelsConfig(Path dir, List<String> preload, int maxLoaded) {
      this(dir, preload, maxLoaded, ExecutionProvider.CPU, AutoModel.defaults());
    }

    public static ModelsConfig defaults() {
      return new ModelsConfig(FolderModelProvider.defaultDir(), List.of(), 2);
    }

    public ModelsConfig withExecutionProvider(ExecutionProvider provider) {
      return new ModelsConfig(dir, preload, maxLoaded, provider, auto);
    }

    public ModelsConfig withAuto(AutoModel auto) {
      return new ModelsConfig(dir, preload, maxLoaded, executionProvider, auto);
    }
  }
}
