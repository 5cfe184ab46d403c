package io.humanseg.server.http;

import io.humanseg.encode.ResultEncoder;
import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.inference.ModelProvider;
import io.humanseg.card.ModelCard;
import io.humanseg.model.catalog.InstalledModels;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmenter;
import io.humanseg.server.api.ApiError;
import io.humanseg.server.api.ErrorMapper;
import io.humanseg.server.fetch.ImageFetcher;
import io.humanseg.server.metrics.ServerMetrics;
import io.humanseg.server.work.BoundedWorkers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server. The port opens at once (liveness answers); the default model is loaded and warmed up on a
 * worker thread, and readiness follows it. {@link #shutdown()} drains: readiness false, new requests refused,
 * requests in flight given {@link ServerConfig#shutdownGrace()} to finish.
 */
public final class HumansegServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HumansegServer.class);
  /** The routes that do segmentation work; they count as in flight and are refused while shutting down. */
  private static final String[] SEGMENT_ROUTES = {"/", "/seg", "/v1/segment"};

  private final Vertx vertx;
  private final HttpServer http;
  private final ServerConfig config;
  private final Router router;
  private final Segmenter segmenter;
  private final BoundedWorkers workers;
  private final ImageFetcher fetcher;
  private final ServerMetrics metrics;
  private final AtomicBoolean modelReady;
  private final AtomicBoolean shuttingDown;
  private final AtomicInteger inflight;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HumansegServer(Vertx vertx, HttpServer http, ServerConfig config, Router router, Segmenter segmenter,
      BoundedWorkers workers, ImageFetcher fetcher, ServerMetrics metrics, AtomicBoolean modelReady,
      AtomicBoolean shuttingDown, AtomicInteger inflight) {
    this.vertx = vertx;
    this.http = http;
    this.config = config;
    this.router = router;
    this.segmenter = segmenter;
    this.workers = workers;
    this.fetcher = fetcher;
    this.metrics = metrics;
    this.modelReady = modelReady;
    this.shuttingDown = shuttingDown;
    this.inflight = inflight;
  }

  public static Future<HumansegServer> start(ServerConfig config) {
    return start(config, InstalledModels.in(config.models().dir()));
  }

  public static Future<HumansegServer> start(ServerConfig config, ModelProvider models) {
    List<String> warm;
    try {
      warm = modelsToWarm(config.models(), models);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    ServerMetrics metrics = new ServerMetrics();
    Vertx vertx = Vertx.builder().with(metrics.vertxOptions()).withMetrics(metrics.factory()).build();
    // One ORT thread per inference by default: the workers already give one image per core.
    Segmenter segmenter =
        new Segmenter(models, new InferenceConfig(config.intraOpThreads(), false, config.models().maxLoaded()));
    SegmentationPipeline pipeline = new SegmentationPipeline(new ImageDecoder(), segmenter, new ResultEncoder());
    BoundedWorkers workers = new BoundedWorkers(config.workers(), config.queueSize());
    ImageFetcher fetcher = ImageFetcher.create(vertx, config.fetch());
    AtomicBoolean modelReady = new AtomicBoolean();
    AtomicBoolean shuttingDown = new AtomicBoolean();
    AtomicInteger inflight = new AtomicInteger();
    metrics.bind(inflight::get, workers);

    Router router = Router.router(vertx);
    router.route().handler(Guards::requestId);
    router.route().handler(cors(config));
    HealthRoutes.mount(router, vertx, segmenter.sessions(), () -> modelReady.get() && !shuttingDown.get());
    router.get("/metrics").handler(metrics.scrapeHandler());
    Buffer openApi = openApiDocument();
    router.get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
    DemoPage.mount(router);

    BodyHandler body = BodyHandler.create(uploadsDirectory()).setBodyLimit(config.maxBodyBytes())
        .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false);
    SegmentHandler segment = new SegmentHandler(pipeline, workers, fetcher, metrics, config.deadline().toMillis());
    for (String path : SEGMENT_ROUTES) {
      // Checks that need no body come first, on a route of their own: vertx-web runs its platform handlers
      // (timeout, body) before user handlers on any one route.
      router.post(path).handler(ctx -> {
        // Draining: refuse before reading the body; the load balancer has seen readiness go false.
        if (shuttingDown.get()) {
          ctx.response().putHeader("Connection", "close");
          ctx.fail(new ApiError(503, "SHUTTING_DOWN", "the server is shutting down; retry on another instance"));
          return;
        }
        inflight.incrementAndGet();
        ctx.addEndHandler(v -> inflight.decrementAndGet());
        ctx.next();
      });
      if (!config.apiKeys().isEmpty()) {
        router.post(path).handler(Guards.apiKeys(config.apiKeys()));
      }
      router.post(path).handler(TimeoutHandler.create(config.deadline().toMillis(), 503)).handler(body)
          .handler(path.equals("/v1/segment") ? segment::segment : segment::seed);
    }
    router.route().failureHandler(Responses::failure);
    for (int status : new int[] {404, 405, 413}) {
      router.errorHandler(status, ctx -> Responses.error(ctx, ErrorMapper.fromStatus(status)));
    }

    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config.port(), config.host())
        .map(http -> {
          LOG.info("humanseg listening on {}:{} ({} workers, queue {}, body limit {} bytes)", config.host(),
              http.actualPort(), config.workers(), config.queueSize(), config.maxBodyBytes());
          vertx.executeBlocking(() -> warmUp(segmenter, warm))
              .onSuccess(v -> modelReady.set(true))
              .onFailure(e -> LOG.error("the default model failed to load; not ready", e));
          return new HumansegServer(vertx, http, config, router, segmenter, workers, fetcher, metrics, modelReady,
              shuttingDown, inflight);
        })
        .onFailure(e -> {
          vertx.close();
          workers.close();
          segmenter.close();
        });
  }

  /**
   * The default model and the ones to preload. Unknown names and more models than may stay open fail the
   * start: a server that would be ready without the model its operator asked for is worse than none.
   */
  private static List<String> modelsToWarm(ServerConfig.ModelsConfig config, ModelProvider models) {
    List<String> names = new ArrayList<>();
    names.add(models.defaultName());
    for (String name : config.preload()) {
      models.card(name);
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    if (names.size() > config.maxLoaded()) {
      throw new IllegalArgumentException(
          "preload_models " + config.preload() + " and the default model are " + names.size()
              + " models, but max_loaded_models is " + config.maxLoaded());
    }
    LOG.info("models: {} (from {} and the built-in ones); loading at start: {}",
        models.cards().stream().map(ModelCard::name).toList(), config.dir(), names);
    return names;
  }

  /** Loads the default and preloaded models and runs one image through each, so no request pays for that. */
  private static Void warmUp(Segmenter segmenter, List<String> models) {
    for (String model : models) {
      segmenter.sessions().load(model);
      segmenter.segment(RgbImage.blank(64, 64), 64, 64, SegmentOptions.defaults().withModel(model));
    }
    LOG.info("ready: default model {}, warm: {}", models.get(0), models);
    return null;
  }

  private static CorsHandler cors(ServerConfig config) {
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("Content-Type", "Accept", "Authorization", "X-API-Key", "X-Request-Id"))
        .exposedHeaders(Set.of("X-Request-Id", "X-Width", "X-Height", "X-Foreground-Top", "X-Foreground-Left",
            "X-Foreground-Width", "X-Foreground-Height", "Retry-After"));
    if (!config.corsOrigins().contains("*")) {
      cors.addOrigins(config.corsOrigins());
    }
    return cors;
  }

  /** The OpenAPI document, a resource kept in step with the routes by a test. */
  static Buffer openApiDocument() {
    try (InputStream in = HumansegServer.class.getResourceAsStream("/webroot/openapi.yaml")) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.yaml missing from the jar", e);
    }
  }

  private static String uploadsDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "humanseg-uploads").toString();
  }

  public int port() {
    return http.actualPort();
  }

  /** The routes, for the test that holds the OpenAPI document to them. */
  public Router router() {
    return router;
  }

  public boolean isReady() {
    return modelReady.get() && !shuttingDown.get();
  }

  public int inflight() {
    return inflight.get();
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /**
   * Graceful stop (the SIGTERM path): readiness goes false and new segmentation requests get 503 at once;
   * requests in flight get up to the grace period; then everything closes.
   */
  public void shutdown() {
    if (!shuttingDown.compareAndSet(false, true)) {
      return;
    }
    LOG.info("shutting down: {} requests in flight, grace {}", inflight.get(), config.shutdownGrace());
    long end = System.nanoTime() + config.shutdownGrace().toNanos();
    while (inflight.get() > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inflight.get() > 0) {
      LOG.warn("grace period over with {} requests in flight", inflight.get());
    }
    close();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    shuttingDown.set(true);
    vertx.close().toCompletionStage().toCompletableFuture().join();
    fetcher.close();
    workers.shutdown(1000);
    segmenter.close();
    metrics.close();
  }
}
