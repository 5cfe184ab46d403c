package io.humanseg.server.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.humanseg.server.config.ConfigLoader;
import io.humanseg.server.http.HumansegServer;
import io.humanseg.server.http.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The manifests against the code they deploy: the server is started under the ConfigMap's settings and asked;
 * the Spark job's main class is looked up in its sources (its options: spark-job's SegmentJobOptionsTest).
 */
class KubernetesCrossCheckTest {
  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";
  private static final Path SPARK_SOURCES = Path.of("spark-job/src/main/java");

  // ---------------------------------------------------------------- server

  /** The base ConfigMap's settings, as the container's environment. */
  private static Map<String, String> configMapEnv() {
    Map<String, Object> base = KubernetesManifestsTest.byKind(Manifests.build(Manifests.k8s().resolve("base")));
    return ((ConfigMap) base.get("ConfigMap")).getData();
  }

  @Test
  void containerPortIsTheServersPortUnderTheConfigMap() {
    Map<String, Object> base = KubernetesManifestsTest.byKind(Manifests.build(Manifests.k8s().resolve("base")));
    Deployment deployment = (Deployment) base.get("Deployment");
    int port = ConfigLoader.load(null, configMapEnv(), Map.of()).port();
    assertEquals(port, KubernetesManifestsTest.container(deployment).getPorts().get(0).getContainerPort());
    assertEquals(ConfigLoader.load(null, Map.of(), Map.of()).port(), port, "the ConfigMap keeps the default port");
  }

  /** Each ConfigMap key (all variants) and the Secret's key is a setting the server reads. */
  @TestFactory
  Stream<DynamicTest> everyConfigKeyIsReadByTheServer() throws IOException {
    TreeSet<String> keys = new TreeSet<>();
    for (String variant : KubernetesManifestsTest.variants().toList()) {
      ConfigMap cm = (ConfigMap) KubernetesManifestsTest.byKind(Manifests.build(Manifests.k8s().resolve(variant))).get("ConfigMap");
      keys.addAll(cm.getData().keySet());
    }
    keys.add("HUMANSEG_API_KEYS");
    // The log format is read by logback.xml, before any configuration is loaded.
    String logback = Manifests.read(root().resolve("server/src/main/resources/logback.xml"));
    return keys.stream().map(key -> dynamicTest(key, () -> {
      assertTrue(key.startsWith("HUMANSEG_"), key);
      String setting = key.substring("HUMANSEG_".length()).toLowerCase(java.util.Locale.ROOT);
      assertTrue(ConfigLoader.KEYS.contains(setting) || logback.contains(key),
          key + " is neither a ConfigLoader setting " + ConfigLoader.KEYS + " nor read by logback.xml");
    }));
  }

  /**
   * A server configured by the base ConfigMap answers the probe paths, and exports the HPA's Pods metric at
   * /metrics as a gauge.
   */
  @Test
  void aServerUnderTheConfigMapAnswersTheProbesAndExportsTheHpaMetric() throws Exception {
    ServerConfig config = ConfigLoader.load(null, configMapEnv(), Map.of("host", "127.0.0.1", "port", 0));
    HumansegServer server = HumansegServer.start(config).toCompletionStage().toCompletableFuture().get();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      assertEquals(200, get(http, base + LIVE).statusCode());
      long deadline = System.nanoTime() + 60_000_000_000L;
      HttpResponse<String> ready = get(http, base + READY);
      while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        ready = get(http, base + READY);
      }
      assertEquals(200, ready.statusCode(), ready.body());
      HttpResponse<String> metrics = get(http, base + "/metrics");
      assertEquals(200, metrics.statusCode(), metrics.body());
      String metric = KubernetesManifestsTest.INFLIGHT_METRIC;
      assertTrue(metrics.body().contains("# TYPE " + metric + " gauge"), "no gauge " + metric + " in:\n" + metrics.body());
      assertTrue(Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? ").matcher(metrics.body()).find(),
          "no sample of " + metric + " in:\n" + metrics.body());
    } finally {
      server.close();
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---------------------------------------------------------------- GPU overlay

  @Test
  void gpuOverlayRunsTheGpuBuildOnOneGpuWithTheCudaProvider() {
    Map<String, Object> r = KubernetesManifestsTest.byKind(Manifests.build(Manifests.k8s().resolve("overlays/gpu")));
    Map<String, String> env = ((ConfigMap) r.get("ConfigMap")).getData();
    ServerConfig config = ConfigLoader.load(null, env, Map.of());
    assertEquals(io.humanseg.inference.ExecutionProvider.CUDA, config.models().executionProvider());
    assertEquals(List.of("isnet"), config.models().preload());
    var container = KubernetesManifestsTest.container((Deployment) r.get("Deployment"));
    assertEquals(new io.fabric8.kubernetes.api.model.Quantity("1"),
        container.getResources().getLimits().get("nvidia.com/gpu"));
    // The image is the GPU build of server/Dockerfile.gpu.
    assertTrue(container.getImage().endsWith("-gpu"), container.getImage());
    String dockerfile = Manifests.read(root().resolve("server/Dockerfile.gpu"));
    assertTrue(dockerfile.contains("-Pgpu") && dockerfile.contains("cudnn"), "server/Dockerfile.gpu: -Pgpu on CUDA+cuDNN");
    assertTrue(dockerfile.contains("-t " + container.getImage()), "server/Dockerfile.gpu builds " + container.getImage());
  }

  // ---------------------------------------------------------------- opt-in model overlay

  @Test
  void isnetOverlayFetchesWithACommandTheJarAcceptsIntoTheFolderTheServerReads() {
    Map<String, Object> r = KubernetesManifestsTest.byKind(Manifests.build(Manifests.k8s().resolve("overlays/isnet")));
    Deployment deployment = (Deployment) r.get("Deployment");
    var init = deployment.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    List<String> command = init.getCommand();
    List<String> args = command.subList(command.indexOf("/app/humanseg.jar") + 1, command.size());
    // The jar's own parser accepts the arguments, and they name the licence of the card they fetch.
    picocli.CommandLine.ParseResult parsed = io.humanseg.server.cli.HumansegCommand.commandLine()
        .parseArgs(args.toArray(String[]::new));
    picocli.CommandLine.ParseResult fetch = parsed.subcommand().subcommand();
    assertEquals("fetch", fetch.commandSpec().name());
    String model = fetch.matchedPositionalValue(0, "");
    String license = io.humanseg.card.CardTemplates.load().find(model).orElseThrow().license();
    assertEquals(license, fetch.matchedOptionValue("--accept-license", ""));
    // The server reads that folder, preloads the model, and mounts the volume the init container wrote.
    Map<String, String> env = ((ConfigMap) r.get("ConfigMap")).getData();
    assertEquals(String.valueOf(fetch.matchedOptionValue("--dir", (Object) null)), env.get("HUMANSEG_MODELS_DIR"));
    assertEquals(model, env.get("HUMANSEG_PRELOAD_MODELS"));
    String volume = init.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(env.get("HUMANSEG_MODELS_DIR")))
        .findFirst().orElseThrow().getName();
    assertTrue(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
        .anyMatch(m -> m.getName().equals(volume) && m.getMountPath().equals(env.get("HUMANSEG_MODELS_DIR"))));
  }

  // ---------------------------------------------------------------- Spark job

  @Test
  void sparkMainClassExistsInTheJobSources() {
    Path source = root().resolve(SPARK_SOURCES)
        .resolve(KubernetesManifestsTest.SPARK_MAIN_CLASS.replace('.', '/') + ".java");
    assertTrue(Files.isRegularFile(source), KubernetesManifestsTest.SPARK_MAIN_CLASS + ": no source in " + SPARK_SOURCES);
    String text = Manifests.read(source);
    assertTrue(text.contains("static void main("), source + " has no main method");
  }


  // ---------------------------------------------------------------- helpers

  private static Path root() {
    return Manifests.repoRoot();
  }
}
