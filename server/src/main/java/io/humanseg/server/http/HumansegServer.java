package io.humanseg.server.http;

import io.humanseg.encode.Background;
import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.OutputFormat;
import io.humanseg.image.OpenCvNatives;
import io.humanseg.image.RgbImage;
import io.humanseg.inference.ModelProvider;
import io.humanseg.inference.OnnxModel;
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
import io.humanseg.server.work.ByteBudget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
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
  private final ByteBudget budget;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HumansegServer(Vertx vertx, HttpServer http, ServerConfig config, Router router, Segmenter segmenter,
      BoundedWorkers workers, ImageFetcher fetcher, ServerMetrics metrics, AtomicBoolean modelReady,
      AtomicBoolean shuttingDown, AtomicInteger inflight, ByteBudget budget) {
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
    this.budget = budget;
  }

  public static Future<HumansegServer> start(ServerConfig config) {
    return start(config, InstalledModels.in(config.models().dir()));
  }

  public static Future<HumansegServer> start(ServerConfig config, ModelProvider models) {
    List<String> warm;
    try {
      warm = modelsToWarm(config.models(), models);
      OnnxModel.requireUsable(config.models().executionProvider());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    ServerMetrics metrics = new ServerMetrics();
    Vertx vertx = Vertx.builder().with(metrics.vertxOptions()).withMetrics(metrics.factory()).build();
    // One ORT thread per inference by default: the workers already give one image per core.
    SegmentationPipeline pipeline = SegmentationPipeline.on(models).intraOpThreads(config.intraOpThreads())
        .maxLoadedModels(config.models().maxLoaded()).executionProvider(config.models().executionProvider())
        .auto(config.models().auto()).build();
    Segmenter segmenter = pipeline.segmenter();
    BoundedWorkers workers = new BoundedWorkers(config.workers(), config.queueSize());
    ImageFetcher fetcher = ImageFetcher.create(vertx, config.fetch());
    AtomicBoolean modelReady = new AtomicBoolean();
    AtomicBoolean shuttingDown = new AtomicBoolean();
    AtomicInteger inflight = new AtomicInteger();
    metrics.bind(inflight::get, workers);

    // No h2c: with it, the HTTP/1.x pipeline is only built once the first bytes have come, after the connection
    // handler that installs the strict decoder (ConnectionGuard) has run.
    HttpServerOptions httpOptions = new HttpServerOptions().setHttp2ClearTextEnabled(false)
        .setIdleTimeout(Math.toIntExact(config.limits().idleTimeout().toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    ConnectionGuard connections = new ConnectionGuard(vertx, httpOptions, config.limits().headerTimeout(),
        config.limits().idleTimeout());
    ByteBudget budget = new ByteBudget(config.limits().maxInflightBytes());

    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.addEndHandler(v -> connections.requestEnded(ctx.request()));
      ctx.next();
    });
    router.route().handler(Guards::requestId);
    router.route().handler(Guards::query);
    router.route().handler(Cors.handler(config.corsOrigins()));
    HealthRoutes.mount(router, vertx, segmenter.sessions(), config.models().auto(), () -> modelReady.get() && !shuttingDown.get());
    router.get("/metrics").handler(metrics.scrapeHandler());
    Buffer openApi = openApiDocument();
    router.get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
    DemoPage.mount(router);

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
      boolean extended = path.equals("/v1/segment");
      router.post(path).handler(TimeoutHandler.create(config.deadline().toMillis(), 503))
          .handler(new BodyReader(config.maxBodyBytes(), budget, workers, extended))
          .handler(extended ? segment::segment : segment::seed);
    }
    router.route().failureHandler(Responses::failure);
    for (int status : new int[] {400, 404, 405, 413, 414, 431}) {
      router.errorHandler(status, ctx -> Responses.error(ctx, ErrorMapper.fromStatus(status)));
    }

    HttpServer server = vertx.createHttpServer(httpOptions).requestHandler(request -> {
      connections.requestStarted(request);
      router.handle(request);
    });
    connections.install(server);
    return server
        .listen(config.port(), config.host())
        .map(http -> {
          LOG.info("humanseg listening on {}:{} ({} workers, queue {}, body limit {} bytes)", config.host(),
              http.actualPort(), config.workers(), config.queueSize(), config.maxBodyBytes());
          vertx.executeBlocking(() -> warmUp(pipeline, warm))
              .onSuccess(v -> modelReady.set(true))
              .onFailure(e -> LOG.error("the default model failed to load; not ready", e));
          return new HumansegServer(vertx, http, config, router, segmenter, workers, fetcher, metrics, modelReady,
              shuttingDown, inflight, budget);
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

  /**
   * Loads the default and preloaded models and runs one image through each, so no request pays for that; then
   * runs the whole pipeline once per output format, so that every library a request can need is loaded before
   * readiness. Loaded lazily, OpenCV's loader registers a shutdown hook, which throws once the JVM is stopping:
   * the first request after a start would fail if SIGTERM came while it ran.
   */
  private static Void warmUp(SegmentationPipeline pipeline, List<String> models) {
    Segmenter segmenter = pipeline.segmenter();
    for (String model : models) {
      segmenter.sessions().load(model);
      segmenter.segment(RgbImage.blank(64, 64), 64, 64, SegmentOptions.defaults().withModel(model));
    }
    OpenCvNatives.load();
    SegmentOptions refined = SegmentOptions.defaults().withRefine(true);
    byte[] jpeg = pipeline.process(warmUpPng(), refined,
        EncodeOptions.composite(new Background.Blur(2), OutputFormat.JPEG)).image().bytes();
    byte[] webp = pipeline.process(jpeg, refined, EncodeOptions.rgba().withFormat(OutputFormat.WEBP)).image().bytes();
    pipeline.process(webp, refined, EncodeOptions.alpha());
    LOG.info("ready: default model {}, warm: {}", models.get(0), models);
    return null;
  }

  /** A small PNG made in memory: the warm-up's first input. */
  private static byte[] warmUpPng() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OpenAPI document, a resource kept in step with the routes by a test. */
  static Buffer openApiDocument() {
    try (InputStream in = HumansegServer.class.getResourceAsStream("/webroot/openapi.yaml")) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.yaml missing from the jar", e);
    }
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

  /** Request body bytes held now, out of the in-flight budget. */
  public long heldBytes() {
    return budget.held();
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
