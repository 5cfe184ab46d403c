package io.humanseg.server.cli;

import io.humanseg.server.http.HumansegServer;
import io.humanseg.server.http.ServerConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code humanseg serve}: the REST server on the built-in default model. */
@Command(name = "serve", description = "Start the HTTP server (the default command).", mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "${env:HUMANSEG_PORT:-8080}", description = "port (env HUMANSEG_PORT, default 8080)")
  int port;

  @Option(names = "--host", defaultValue = "${env:HUMANSEG_HOST:-0.0.0.0}", description = "address to listen on (env HUMANSEG_HOST, default 0.0.0.0)")
  String host;

  @Override
  public Integer call() throws Exception {
    HumansegServer server = HumansegServer.start(new ServerConfig(host, port)).toCompletionStage().toCompletableFuture().get();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "humanseg-shutdown"));
    return 0;
  }
}
