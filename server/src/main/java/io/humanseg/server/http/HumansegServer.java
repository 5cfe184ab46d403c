package io.humanseg.server.http;

import io.humanseg.card.ModelCard;
import io.humanseg.inference.OnnxModel;
import io.humanseg.model.catalog.BuiltinModels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: health routes now; segmentation routes arrive with the server issue. The default model is
 * loaded on a worker thread after the port is open, and readiness follows it.
 */
public final class HumansegServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HumansegServer.class);

  private final Vertx vertx;
  private final HttpServer http;
  private final AtomicReference<OnnxModel> model;

  private HumansegServer(Vertx vertx, HttpServer http, AtomicReference<OnnxModel> model) {
    this.vertx = vertx;
    this.http = http;
    this.model = model;
  }

  public static Future<HumansegServer> start(ServerConfig config) {
    Vertx vertx = Vertx.vertx();
    AtomicReference<OnnxModel> model = new AtomicReference<>();

    Router router = Router.router(vertx);
    // Liveness only says the event loop answers; readiness waits for the model.
    router.get("/health/live").handler(HealthCheckHandler.create(vertx).register("event-loop", p -> p.complete(Status.OK())));
    HealthCheckHandler ready = HealthCheckHandler.create(vertx);
    ready.register("default-model", p -> p.complete(model.get() != null ? Status.OK() : Status.KO()));
    router.get("/health/ready").handler(ready);

    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config.port(), config.host())
        .map(http -> {
          LOG.info("humanseg listening on {}:{}", config.host(), http.actualPort());
          vertx.executeBlocking(() -> loadDefaultModel(model));
          return new HumansegServer(vertx, http, model);
        })
        .onFailure(e -> vertx.close());
  }

  private static OnnxModel loadDefaultModel(AtomicReference<OnnxModel> holder) {
    String name = BuiltinModels.defaultName();
    ModelCard card = BuiltinModels.card(name);
    OnnxModel loaded = OnnxModel.load(card, BuiltinModels.onnx(name), 0);
    // A warm-up inference, so that the first request does not pay for ORT's lazy initialisation.
    loaded.run(new float[Math.toIntExact(card.input().shape().stream().reduce(1L, (a, b) -> a * b))]);
    holder.set(loaded);
    LOG.info("ready: default model {}", name);
    return loaded;
  }

  public int port() {
    return http.actualPort();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
    OnnxModel m = model.getAndSet(null);
    if (m != null) {
      m.close();
    }
  }
}
