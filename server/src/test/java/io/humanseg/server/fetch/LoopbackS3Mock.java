package io.humanseg.server.fetch;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.InetAddress;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * An in-process S3Mock that listens on 127.0.0.1 only. {@code server.address} covers its main (https) connector;
 * its extra plain-http connector is a bean that sets only a port, so it would bind every interface:
 * {@link LoopbackConnectors}, added to the mock's Spring context through {@code spring.main.sources}, pins that
 * one too.
 */
public final class LoopbackS3Mock {
  /**
   * The server's Micrometer (the version Vert.x brings) is older than the one the mock's Spring Boot expects;
   * the mock needs no metrics, so Spring Boot's metrics auto-configuration is left out.
   */
  private static final String[] METRICS_AUTOCONFIG = java.util.stream.Stream.of(
          "MetricsAutoConfiguration", "CompositeMeterRegistryAutoConfiguration",
          "export.simple.SimpleMetricsExportAutoConfiguration", "export.prometheus.PrometheusMetricsExportAutoConfiguration",
          "jvm.JvmMetricsAutoConfiguration", "system.SystemMetricsAutoConfiguration",
          "logging.logback.LogbackMetricsAutoConfiguration", "startup.StartupTimeMetricsListenerAutoConfiguration",
          "task.TaskExecutorMetricsAutoConfiguration")
      .map(c -> "org.springframework.boot.micrometer.metrics.autoconfigure." + c)
      .toArray(String[]::new);

  private LoopbackS3Mock() {}

  public static S3MockExtension create(String... buckets) {
    return S3MockExtension.builder()
        .silent()
        .withInitialBuckets(buckets)
        .withProperty("server.address", "127.0.0.1")
        .withProperty("spring.main.sources", LoopbackConnectors.class.getName())
        .withProperty("spring.autoconfigure.exclude", String.join(",", METRICS_AUTOCONFIG))
        .build();
  }

  /** Binds every Tomcat connector of the mock to the loopback address before it starts. */
  public static final class LoopbackConnectors implements BeanPostProcessor {
    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
      if (bean instanceof Connector c && c.getProtocolHandler() instanceof AbstractProtocol<?> p) {
        p.setAddress(InetAddress.getLoopbackAddress());
      }
      return bean;
    }
  }
}
