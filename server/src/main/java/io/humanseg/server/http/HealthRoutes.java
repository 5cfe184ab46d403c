package io.humanseg.server.http;

import io.humanseg.inference.ExecutionProvider;
import io.humanseg.card.ModelCard;
import io.humanseg.inference.ModelSessions;
import io.humanseg.inference.UnknownModelException;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.server.api.ApiError;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Liveness, readiness and the model listings: {@code /health/*} for Kubernetes probes, and the Open Inference
 * Protocol v2 routes that KServe-style tooling asks.
 */
final class HealthRoutes {
  private HealthRoutes() {}

  /**
   * @param auto what {@code "model": "auto"} runs, listed with the models
   * @param ready the default model is loaded, warmed up, and the server is not shutting down
   */
  static void mount(Router router, Vertx vertx, ModelSessions sessions, AutoModel auto, BooleanSupplier ready) {
    // Liveness only says the event loop answers; readiness is what load balancers follow.
    router.get("/health/live")
        .handler(HealthCheckHandler.create(vertx).register("event-loop", p -> p.complete(Status.OK())));
    HealthCheckHandler readiness = HealthCheckHandler.create(vertx);
    readiness.register("default-model", p -> p.complete(ready.getAsBoolean() ? Status.OK() : Status.KO()));
    router.get("/health/ready").handler(readiness);

    router.get("/v2/health/live").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("live", true)));
    router.get("/v2/health/ready").handler(ctx -> {
      boolean ok = ready.getAsBoolean();
      Responses.json(ctx, ok ? 200 : 503, new JsonObject().put("ready", ok));
    });
    router.get("/v2/models/:name").handler(ctx -> withCard(ctx, sessions, card ->
        Responses.json(ctx, 200, v2Metadata(card))));
    router.get("/v2/models/:name/ready").handler(ctx -> withCard(ctx, sessions, card -> {
      boolean ok = sessions.isLoaded(card.name()) && ready.getAsBoolean();
      Responses.json(ctx, ok ? 200 : 503, new JsonObject().put("name", card.name()).put("ready", ok));
    }));
    router.get("/v1/models").handler(ctx -> {
      JsonArray models = new JsonArray();
      boolean qualityInstalled = false;
      for (ModelCard card : sessions.provider().cards()) {
        ExecutionProvider provider = sessions.executionProvider(card.name());
        models.add(JsonObject.mapFrom(card).put("loaded", provider != null)
            .put("execution_provider", provider == null ? null : provider.id()));
        qualityInstalled |= card.name().equals(auto.qualityModel());
      }
      // Without its quality model, auto is the default model: say so where a client chooses.
      JsonObject autoModel = new JsonObject().put("quality_model", auto.qualityModel())
          .put("threshold", auto.threshold()).put("quality_model_installed", qualityInstalled);
      Responses.json(ctx, 200, new JsonObject().put("default", sessions.provider().defaultName())
          .put("auto", autoModel).put("models", models));
    });
  }

  private static void withCard(RoutingContext ctx, ModelSessions sessions, Consumer<ModelCard> then) {
    ModelCard card;
    try {
      card = sessions.provider().card(ctx.pathParam("name"));
    } catch (UnknownModelException e) {
      Responses.json(ctx, 404, new ApiError(404, "UNKNOWN_MODEL", e.getMessage(),
          new JsonObject().put("known", new JsonArray(e.known()))).body());
      return;
    }
    then.accept(card);
  }

  /** The v2 model metadata: name, platform and the tensors. */
  private static JsonObject v2Metadata(ModelCard card) {
    return new JsonObject()
        .put("name", card.name())
        .put("versions", new JsonArray())
        .put("platform", "onnxruntime_onnx")
        .put("inputs", new JsonArray().add(tensor(card.input().name(), card.input().shape())))
        .put("outputs", new JsonArray().add(tensor(card.output().name(), card.output().shape())));
  }

  private static JsonObject tensor(String name, List<Long> shape) {
    return new JsonObject().put("name", name).put("datatype", "FP32").put("shape", new JsonArray(shape));
  }
}
