package io.humanseg.server.metrics;

import io.humanseg.encode.SegmentationMetadata;
import io.humanseg.server.work.BoundedWorkers;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Prometheus registry per server. Vert.x fills in the HTTP metrics ({@code vertx_http_server_*}, by route,
 * method and status, with latency histograms); this class adds the pipeline's: stage timers, image sizes, the
 * worker queue and {@code humanseg_inflight_requests}, the gauge to autoscale on.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private DistributionSummary imageBytes;
  private DistributionSummary imagePixels;

  /**
   * Registers the JVM and pipeline meters. Call it after Vert.x is built: Vert.x adds meter filters to the
   * registry, and filters only apply to meters registered after them.
   */
  public void bind(Supplier<Number> inflight, BoundedWorkers workers) {
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    imageBytes = DistributionSummary.builder("humanseg_image_bytes").description("encoded input image size")
        .baseUnit("bytes").publishPercentileHistogram().register(registry);
    imagePixels = DistributionSummary.builder("humanseg_image_pixels").description("input image width x height")
        .publishPercentileHistogram().register(registry);
    Gauge.builder("humanseg_inflight_requests", inflight).description("segmentation requests being served")
        .register(registry);
    Gauge.builder("humanseg_worker_queue_depth", workers::queued).description("requests waiting for a worker")
        .register(registry);
    Gauge.builder("humanseg_worker_active", workers::active).description("workers busy now").register(registry);
    FunctionCounter.builder("humanseg_abandoned_requests", workers, BoundedWorkers::abandoned)
        .description("queued requests skipped because the client left or the deadline passed").register(registry);
  }

  /** Vert.x options and factory that report into this registry. */
  public VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true)));
  }

  public VertxMetricsFactory factory() {
    return new MicrometerMetricsFactory(registry);
  }

  /** One processed image: the time of each pipeline stage, the input's size and the mask's confidence. */
  public void record(long encodedBytes, SegmentationMetadata metadata) {
    imageBytes.record(encodedBytes);
    imagePixels.record((double) metadata.width() * metadata.height());
    // By model (a handful of installed names): a falling confidence is the first sign of photos unlike the
    // ones the model is good at, and with auto the share escalated shows as the quality model's count.
    DistributionSummary.builder("humanseg_mask_confidence")
        .description("confidence of each returned mask (0..1, predicts its IoU), by the model that produced it")
        .tag("model", metadata.model()).serviceLevelObjectives(0.5, 0.7, 0.8, 0.9, 0.95).register(registry)
        .record(metadata.confidence());
    for (Map.Entry<String, Double> stage : metadata.timingsMs().entrySet()) {
      Timer.builder("humanseg_stage_seconds").tag("stage", stage.getKey()).publishPercentileHistogram()
          .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100))
          .register(registry)
          .record((long) (stage.getValue() * 1e6), TimeUnit.NANOSECONDS);
    }
  }

  public Handler<RoutingContext> scrapeHandler() {
    return PrometheusScrapingHandler.create(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Drops the GC notification listeners. */
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
