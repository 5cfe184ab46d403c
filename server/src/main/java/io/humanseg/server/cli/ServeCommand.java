package io.humanseg.server.cli;

import io.humanseg.server.config.ConfigLoader;
import io.humanseg.server.http.HumansegServer;
import io.humanseg.server.http.ServerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code humanseg serve}: the REST server. Settings come from defaults, then {@code --config} (JSON), then
 * {@code HUMANSEG_*} environment variables, then these flags (see {@link ConfigLoader}).
 */
@Command(name = "serve", description = "Start the HTTP server (the default command).", mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", defaultValue = "${env:HUMANSEG_CONFIG}", description = "JSON config file (env HUMANSEG_CONFIG)")
  Path config;

  @Option(names = "--port", description = "port (env HUMANSEG_PORT, default 8080)")
  Integer port;

  @Option(names = "--host", description = "address to listen on (env HUMANSEG_HOST, default 0.0.0.0)")
  String host;

  @Option(names = "--workers", description = "worker threads (env HUMANSEG_WORKERS, default: the core count)")
  Integer workers;

  @Option(names = "--queue-size",
      description = "requests waiting for a worker before 503 (env HUMANSEG_QUEUE_SIZE, default 4 per worker)")
  Integer queueSize;

  @Option(names = "--max-body-bytes", description = "request body limit (env HUMANSEG_MAX_BODY_BYTES)")
  Long maxBodyBytes;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> flags = new HashMap<>();
    flags.put("port", port);
    flags.put("host", host);
    flags.put("workers", workers);
    flags.put("queue_size", queueSize);
    flags.put("max_body_bytes", maxBodyBytes);
    ServerConfig settings = ConfigLoader.load(config, System.getenv(), flags);
    HumansegServer server;
    try {
      server = HumansegServer.start(settings).toCompletionStage().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      // The reason the start failed, as one line (see HumansegCommand), not its wrapper.
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    // SIGTERM: drain (readiness false, new requests refused, in-flight ones finish within the grace period).
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "humanseg-shutdown"));
    return 0;
  }
}
