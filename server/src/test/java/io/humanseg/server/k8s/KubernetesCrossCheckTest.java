package io.humanseg.server.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The manifests against the code they deploy. The server and the Spark job are written in other branches; a check
 * whose counterpart is not in this checkout yet is skipped with an assumption that names what it waits for, and
 * starts checking by itself once that code is merged. The sources are read as text, so nothing here needs to change
 * when they are refactored, only when a name changes.
 */
class KubernetesCrossCheckTest {
  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";
  private static final Path SERVER_SOURCES = Path.of("server/src/main/java");
  private static final Path SPARK_SOURCES = Path.of("spark-job/src/main/java");
  private static final Path SPARK_JAR = Path.of("spark-job/target/humanseg-spark.jar");

  // ---------------------------------------------------------------- server

  @Test
  void probePathsAreServerRoutes() {
    String sources = sourceText(SERVER_SOURCES);
    for (String path : List.of(LIVE, READY)) {
      assertTrue(sources.contains("\"" + path + "\""), "no route \"" + path + "\" in " + SERVER_SOURCES);
    }
  }

  @Test
  void containerPortIsTheServersDefaultPort() {
    // ServeCommand: defaultValue = "${env:HUMANSEG_PORT:-8080}".
    Matcher m = Pattern.compile("HUMANSEG_PORT:-(\\d+)").matcher(sourceText(SERVER_SOURCES));
    assertTrue(m.find(), "the server's default port (HUMANSEG_PORT:-<port>) in " + SERVER_SOURCES);
    int serverDefault = Integer.parseInt(m.group(1));
    Map<String, Object> base = KubernetesManifestsTest.byKind(Manifests.build(Manifests.k8s().resolve("base")));
    Deployment deployment = (Deployment) base.get("Deployment");
    assertEquals(serverDefault, KubernetesManifestsTest.container(deployment).getPorts().get(0).getContainerPort());
    assertEquals(String.valueOf(serverDefault), ((ConfigMap) base.get("ConfigMap")).getData().get("HUMANSEG_PORT"));
  }

  /** Each ConfigMap key (all variants) and the Secret's key is a setting the server reads; pending ones are skipped. */
  @TestFactory
  Stream<DynamicTest> everyConfigKeyIsReadByTheServer() throws IOException {
    TreeSet<String> keys = new TreeSet<>();
    for (String variant : KubernetesManifestsTest.variants().toList()) {
      ConfigMap cm = (ConfigMap) KubernetesManifestsTest.byKind(Manifests.build(Manifests.k8s().resolve(variant))).get("ConfigMap");
      keys.addAll(cm.getData().keySet());
    }
    keys.add("HUMANSEG_API_KEYS");
    String sources = sourceText(SERVER_SOURCES);
    return keys.stream().map(key -> dynamicTest(key, () ->
        assumeTrue(sources.contains(key), key + ": not read in " + SERVER_SOURCES + " yet (pending the server merge)")));
  }

  /** The HPA's Pods metric is a gauge the server exports at /metrics: asks a running server. */
  @Test
  void theHpaMetricIsExportedAtMetrics() throws Exception {
    HumansegServer server = HumansegServer.start(new ServerConfig("127.0.0.1", 0)).toCompletionStage().toCompletableFuture().get();
    try {
      HttpResponse<String> metrics = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assumeTrue(metrics.statusCode() != 404, "/metrics: not served yet (pending the server merge)");
      assertEquals(200, metrics.statusCode(), metrics.body());
      String metric = KubernetesManifestsTest.INFLIGHT_METRIC;
      assertTrue(metrics.body().contains("# TYPE " + metric + " gauge"), "no gauge " + metric + " in:\n" + metrics.body());
      assertTrue(Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? ").matcher(metrics.body()).find(),
          "no sample of " + metric + " in:\n" + metrics.body());
    } finally {
      server.close();
    }
  }

  // ---------------------------------------------------------------- Spark job

  @Test
  void sparkMainClassExistsInTheJobSources() {
    Path source = root().resolve(SPARK_SOURCES)
        .resolve(KubernetesManifestsTest.SPARK_MAIN_CLASS.replace('.', '/') + ".java");
    assumeTrue(Files.isRegularFile(source), KubernetesManifestsTest.SPARK_MAIN_CLASS + ": no source in " + SPARK_SOURCES
        + " yet (pending the spark-job merge)");
    String text = Manifests.read(source);
    assertTrue(text.contains("static void main("), source + " has no main method");
    for (String option : KubernetesManifestsTest.SPARK_JOB_OPTIONS) {
      assertTrue(sourceText(SPARK_SOURCES).contains("\"" + option), option + " not in " + SPARK_SOURCES);
    }
  }

  @Test
  void sparkMainClassIsInTheJobJar() throws IOException {
    Path jar = root().resolve(SPARK_JAR);
    assumeTrue(Files.isRegularFile(jar), SPARK_JAR + " not built (package the spark-job module first)");
    try (JarFile jf = new JarFile(jar.toFile())) {
      assertTrue(jf.getEntry(KubernetesManifestsTest.SPARK_MAIN_CLASS.replace('.', '/') + ".class") != null,
          KubernetesManifestsTest.SPARK_MAIN_CLASS + " not in " + SPARK_JAR);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Path root() {
    return Manifests.repoRoot();
  }

  /** All .java files under a source folder of the repository, concatenated. */
  private static String sourceText(Path folder) {
    Path dir = root().resolve(folder);
    assertTrue(Files.isDirectory(dir), dir.toString());
    try (Stream<Path> files = Files.walk(dir)) {
      String text = files.filter(f -> f.toString().endsWith(".java")).sorted().map(Manifests::read)
          .collect(Collectors.joining("\n"));
      assertFalse(text.isEmpty(), "no sources in " + folder);
      return text;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
