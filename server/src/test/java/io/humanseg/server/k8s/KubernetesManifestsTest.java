package io.humanseg.server.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every manifest under {@code k8s/} parses strictly (see {@link Manifests}), for the base and for each overlay as
 * kustomize renders it, and the pieces agree with each other (ports, probes, grace period, selectors, HPA target vs workers,
 * security settings, Dockerfiles). The checks against the server's and the Spark job's code are in
 * {@link KubernetesCrossCheckTest}.
 */
class KubernetesManifestsTest {
  // The Spark job's arguments in k8s/spark are checked by the job's own option parser (spark-job's
  // SegmentJobOptionsTest); here only the manifests' structure.
  static final String SPARK_MAIN_CLASS = "io.humanseg.spark.SegmentJob";
  static final String SPARK_JAR_IN_IMAGE = "/opt/spark/work-dir/humanseg-spark.jar";
  static final String INFLIGHT_METRIC = "humanseg_inflight_requests";

  // ---------------------------------------------------------------- strictness, proved on broken documents

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: x
      spec:
        replicas: 1
        selector:
          matchLabels: {app: x}
        template:
          metadata:
            labels: {app: x}
          spec:
            containers:
              - name: x
                image: x
                readinessProbe:
                  httpGet: {path: /health/ready, port: 8080}
      """;

  @Test
  void aCorrectDocumentParses() {
    assertInstanceOf(Deployment.class, Manifests.parseStrict(DEPLOYMENT));
  }

  @Test
  void aMisspeltFieldFails() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Manifests.parseStrict(DEPLOYMENT.replace("readinessProbe", "readinesProbe")));
    assertTrue(e.getMessage().contains("spec.template.spec.containers[0].readinesProbe"), e.getMessage());
  }

  @Test
  void aMisspeltFieldInsideAMapOfObjectsFails() {
    String yaml = DEPLOYMENT.replace("httpGet: {path: /health/ready, port: 8080}", "httpGet: {path: /health/ready, prot: 8080}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifests.parseStrict(yaml));
    assertTrue(e.getMessage().contains("readinessProbe.httpGet.prot"), e.getMessage());
  }

  @Test
  void aFieldOfTheWrongTypeFails() {
    assertThrows(RuntimeException.class, () -> Manifests.parseStrict(DEPLOYMENT.replace("replicas: 1", "replicas: one")));
  }

  @Test
  void aMisspeltKindOrApiVersionFails() {
    assertThrows(IllegalArgumentException.class, () -> Manifests.parseStrict(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet")));
    assertThrows(IllegalArgumentException.class, () -> Manifests.parseStrict(DEPLOYMENT.replace("apps/v1", "app/v1")));
  }

  @Test
  void aFieldOfAnotherApiVersionFails() {
    // autoscaling/v1 has no metrics or behavior: the v2 manifest read as v1 must fail, not lose them silently.
    String v1 = Manifests.read(Manifests.k8s().resolve("base/hpa.yaml")).replace("autoscaling/v2", "autoscaling/v1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifests.parseStrict(v1));
    assertTrue(e.getMessage().contains("spec.metrics"), e.getMessage());
  }

  // ---------------------------------------------------------------- every file, every overlay

  @TestFactory
  Stream<DynamicTest> everyBaseFileParsesStrictly() throws IOException {
    try (Stream<Path> files = Files.list(Manifests.k8s().resolve("base"))) {
      return files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted()
          .map(f -> dynamicTest(f.getFileName().toString(), () -> assertNotNull(Manifests.parseStrict(Manifests.read(f)))))
          .toList().stream();
    }
  }

  @Test
  void baseKustomizationListsEveryManifestButTheSecretExample() throws IOException {
    Path base = Manifests.k8s().resolve("base");
    Set<String> listed = new TreeSet<>(stringList(Manifests.yamlMap(base.resolve("kustomization.yaml")).get("resources")));
    Set<String> files;
    try (Stream<Path> s = Files.list(base)) {
      files = s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml") && !n.endsWith(".example.yaml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(files, listed);
    assertFalse(listed.contains("secret-api-keys.example.yaml"), "applying must never overwrite the real Secret");
  }

  @Test
  void theSecretIsOnlyAnExample() {
    Secret secret = (Secret) Manifests.parseStrict(Manifests.read(Manifests.k8s().resolve("base/secret-api-keys.example.yaml")));
    assertEquals(Set.of("HUMANSEG_API_KEYS"), secret.getStringData().keySet());
    assertTrue(secret.getStringData().get("HUMANSEG_API_KEYS").startsWith("replace-me"));
    assertTrue(secret.getData() == null || secret.getData().isEmpty(), "no encoded (real-looking) data in the example");
  }

  static Stream<String> variants() throws IOException {
    try (Stream<Path> overlays = Files.list(Manifests.k8s().resolve("overlays"))) {
      List<String> names = new ArrayList<>(List.of("base"));
      overlays.filter(Files::isDirectory).map(p -> "overlays/" + p.getFileName()).sorted().forEach(names::add);
      return names.stream();
    }
  }

  @TestFactory
  Stream<DynamicTest> eachVariantParsesStrictlyAndIsConsistent() throws IOException {
    return variants().map(v -> dynamicTest(v, () -> checkVariant(v)));
  }

  @Test
  void overlaysExistAndChangeWhatTheyShould() {
    Map<String, Object> dev = byKind(Manifests.build(Manifests.k8s().resolve("overlays/dev")));
    Map<String, Object> prod = byKind(Manifests.build(Manifests.k8s().resolve("overlays/prod")));
    assertEquals(1, ((Deployment) dev.get("Deployment")).getSpec().getReplicas());
    assertEquals(3, ((Deployment) prod.get("Deployment")).getSpec().getReplicas());
    HorizontalPodAutoscaler prodHpa = (HorizontalPodAutoscaler) prod.get("HorizontalPodAutoscaler");
    assertEquals(3, prodHpa.getSpec().getMinReplicas());
    assertEquals(20, prodHpa.getSpec().getMaxReplicas());
    assertEquals(2, prodHpa.getSpec().getMetrics().size(), "the patched metrics list keeps both metrics");
    assertEquals(new Quantity("2"), container((Deployment) prod.get("Deployment")).getResources().getRequests().get("cpu"));
    // The patch of the container kept the base container's other fields.
    assertEquals("/health/live", container((Deployment) prod.get("Deployment")).getLivenessProbe().getHttpGet().getPath());
  }

  /** The base's image is named {@code humanseg}, so {@code kustomize edit set image humanseg=...} renames it. */
  @Test
  void imagesAreRenamedAsKustomizeEditSetImageDoes(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("kustomization.yaml"), """
        resources: [deployment.yaml]
        images:
          - {name: humanseg, newName: registry.example.com/team/humanseg, newTag: "1.2.3"}
        """);
    Files.copy(Manifests.k8s().resolve("base/deployment.yaml"), dir.resolve("deployment.yaml"));
    Deployment d = (Deployment) byKind(Manifests.build(dir)).get("Deployment");
    assertEquals("registry.example.com/team/humanseg:1.2.3", container(d).getImage());
  }

  private static void checkVariant(String variant) {
    Map<String, Object> r = byKind(Manifests.build(Manifests.k8s().resolve(variant)));
    assertEquals(Set.of("ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"), r.keySet());
    ConfigMap config = (ConfigMap) r.get("ConfigMap");
    Deployment deployment = (Deployment) r.get("Deployment");
    Service service = (Service) r.get("Service");
    PodDisruptionBudget pdb = (PodDisruptionBudget) r.get("PodDisruptionBudget");
    HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) r.get("HorizontalPodAutoscaler");
    Map<String, String> env = config.getData();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container c = container(deployment);

    // Every key is a HUMANSEG_* setting (which of them the server reads: KubernetesCrossCheckTest).
    env.keySet().forEach(k -> assertTrue(k.matches("HUMANSEG_[A-Z_]+"), k));

    // Port: the ConfigMap's HUMANSEG_PORT is the container port named http, which the probes and the Service use.
    ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
    assertEquals(Integer.parseInt(env.get("HUMANSEG_PORT")), http.getContainerPort());
    assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    for (Probe probe : List.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())) {
      assertEquals("http", probe.getHttpGet().getPort().getStrVal());
    }
    assertEquals(KubernetesCrossCheckTest.READY, c.getStartupProbe().getHttpGet().getPath());
    assertEquals(KubernetesCrossCheckTest.READY, c.getReadinessProbe().getHttpGet().getPath());
    assertEquals(KubernetesCrossCheckTest.LIVE, c.getLivenessProbe().getHttpGet().getPath());

    // Shutdown: the kubelet's grace period covers the preStop sleep and the server's own drain.
    List<String> preStop = c.getLifecycle().getPreStop().getExec().getCommand();
    assertEquals("sleep", preStop.get(0));
    long needed = Long.parseLong(preStop.get(1)) + Long.parseLong(env.get("HUMANSEG_SHUTDOWN_GRACE_MS")) / 1000;
    assertTrue(pod.getTerminationGracePeriodSeconds() > needed,
        "terminationGracePeriodSeconds " + pod.getTerminationGracePeriodSeconds() + " must exceed " + needed);

    // Configuration from the ConfigMap, API keys from the Secret (the example's name and key).
    assertEquals(config.getMetadata().getName(), c.getEnvFrom().get(0).getConfigMapRef().getName());
    Secret example = (Secret) Manifests.parseStrict(Manifests.read(Manifests.k8s().resolve("base/secret-api-keys.example.yaml")));
    var keyRef = c.getEnv().stream().filter(e -> e.getName().equals("HUMANSEG_API_KEYS")).findFirst().orElseThrow()
        .getValueFrom().getSecretKeyRef();
    assertEquals(example.getMetadata().getName(), keyRef.getName());
    assertTrue(example.getStringData().containsKey(keyRef.getKey()));
    assertFalse(env.containsKey("HUMANSEG_API_KEYS"), "API keys never in the ConfigMap");

    // Hardening.
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals(10001L, pod.getSecurityContext().getRunAsUser());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
    VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow();
    Volume tmpVolume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
    assertNotNull(tmpVolume.getEmptyDir(), "/tmp (java.io.tmpdir, native libraries) is a writable emptyDir");

    // Resources: memory limit above the request, no CPU limit (throttling), a CPU request for the HPA's utilisation.
    var resources = c.getResources();
    assertNotNull(resources.getRequests().get("cpu"));
    assertFalse(resources.getLimits().containsKey("cpu"), "no CPU limit");
    assertTrue(Quantity.getAmountInBytes(resources.getLimits().get("memory"))
        .compareTo(Quantity.getAmountInBytes(resources.getRequests().get("memory"))) >= 0);

    // Selectors: the Service, the PDB and the HPA all point at these pods.
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
    assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
    assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()));
    assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
    assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());

    // HPA: CPU and the in-flight Pods metric, whose target is 2 x the workers; scale-down stabilised.
    MetricSpec cpu = hpa.getSpec().getMetrics().stream().filter(m -> "Resource".equals(m.getType())).findFirst().orElseThrow();
    assertEquals("cpu", cpu.getResource().getName());
    MetricSpec inflight = hpa.getSpec().getMetrics().stream().filter(m -> "Pods".equals(m.getType())).findFirst().orElseThrow();
    assertEquals(INFLIGHT_METRIC, inflight.getPods().getMetric().getName());
    assertEquals(new Quantity(String.valueOf(2 * Integer.parseInt(env.get("HUMANSEG_WORKERS")))),
        inflight.getPods().getTarget().getAverageValue());
    assertTrue(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds() > 0);
    int replicas = deployment.getSpec().getReplicas();
    assertTrue(hpa.getSpec().getMinReplicas() <= replicas && replicas <= hpa.getSpec().getMaxReplicas());
  }

  // ---------------------------------------------------------------- optional: adapter rule and ServiceMonitor

  @Test
  @SuppressWarnings("unchecked")
  void adapterRuleExposesTheInflightMetricPerPod() {
    ConfigMap cm = (ConfigMap) Manifests.parseStrict(Manifests.read(Manifests.k8s().resolve("optional/prometheus-adapter-rules.yaml")));
    Map<String, Object> config = (Map<String, Object>) Manifests.yaml(cm.getData().get("config.yaml"));
    assertEquals(Set.of("rules"), config.keySet());
    List<Map<String, Object>> rules = (List<Map<String, Object>>) config.get("rules");
    assertEquals(1, rules.size());
    Map<String, Object> rule = rules.get(0);
    assertEquals(Set.of("seriesQuery", "resources", "name", "metricsQuery"), rule.keySet());
    assertTrue(((String) rule.get("seriesQuery")).startsWith(INFLIGHT_METRIC + "{"));
    assertEquals(INFLIGHT_METRIC, ((Map<String, Object>) rule.get("name")).get("as"));
    Map<String, Object> overrides = (Map<String, Object>) ((Map<String, Object>) rule.get("resources")).get("overrides");
    assertEquals(Map.of("resource", "pod"), overrides.get("pod"));
    assertEquals(Map.of("resource", "namespace"), overrides.get("namespace"));
    String query = (String) rule.get("metricsQuery");
    for (String placeholder : List.of("<<.Series>>", "<<.LabelMatchers>>", "<<.GroupBy>>")) {
      assertTrue(query.contains(placeholder), query);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void serviceMonitorScrapesMetricsThroughTheServicePort() {
    GenericKubernetesResource sm = Manifests.parseGeneric(Manifests.read(Manifests.k8s().resolve("optional/servicemonitor.yaml")));
    assertEquals("monitoring.coreos.com/v1", sm.getApiVersion());
    assertEquals("ServiceMonitor", sm.getKind());
    Map<String, Object> spec = (Map<String, Object>) sm.getAdditionalProperties().get("spec");
    assertEquals(Set.of("selector", "endpoints"), spec.keySet());
    Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
    assertEquals(Set.of("port", "path", "interval"), endpoint.keySet());
    assertEquals("/metrics", endpoint.get("path"));
    Service service = (Service) Manifests.parseStrict(Manifests.read(Manifests.k8s().resolve("base/service.yaml")));
    assertEquals(service.getSpec().getPorts().get(0).getName(), endpoint.get("port"));
    assertEquals(service.getSpec().getSelector(), ((Map<String, Object>) spec.get("selector")).get("matchLabels"));
  }

  // ---------------------------------------------------------------- Spark

  /** Fields of sparkoperator.k8s.io/v1beta2 used here: a misspelling fails (no CRD schema to parse against). */
  private static final Set<String> SPARK_SPEC_FIELDS = Set.of("type", "mode", "sparkVersion", "image", "imagePullPolicy",
      "mainClass", "mainApplicationFile", "arguments", "sparkConf", "restartPolicy", "driver", "executor");
  private static final Set<String> SPARK_POD_FIELDS = Set.of("cores", "memory", "memoryOverhead", "serviceAccount", "labels", "instances");

  @Test
  @SuppressWarnings("unchecked")
  void sparkApplicationRunsTheJobFromItsImage() {
    GenericKubernetesResource app = Manifests.parseGeneric(Manifests.read(Manifests.k8s().resolve("spark/sparkapplication.yaml")));
    assertEquals("sparkoperator.k8s.io/v1beta2", app.getApiVersion());
    assertEquals("SparkApplication", app.getKind());
    Map<String, Object> spec = (Map<String, Object>) app.getAdditionalProperties().get("spec");
    assertTrue(SPARK_SPEC_FIELDS.containsAll(spec.keySet()), spec.keySet().toString());
    assertEquals("Java", spec.get("type"));
    assertEquals(SPARK_MAIN_CLASS, spec.get("mainClass"));
    assertEquals("local://" + SPARK_JAR_IN_IMAGE, spec.get("mainApplicationFile"));
    assertTrue(((String) spec.get("sparkVersion")).startsWith("4."));
    Map<String, Object> driver = (Map<String, Object>) spec.get("driver");
    Map<String, Object> executor = (Map<String, Object>) spec.get("executor");
    assertTrue(SPARK_POD_FIELDS.containsAll(driver.keySet()), driver.keySet().toString());
    assertTrue(SPARK_POD_FIELDS.containsAll(executor.keySet()), executor.keySet().toString());
    for (String field : List.of("instances", "cores", "memory", "memoryOverhead")) {
      assertNotNull(executor.get(field), "executor." + field);
    }

    List<String> args = (List<String>) spec.get("arguments");
    // spark.task.cpus = --threads-per-task, and an executor runs a whole number of tasks.
    String threads = args.get(args.indexOf("--threads-per-task") + 1);
    Map<String, Object> conf = (Map<String, Object>) spec.get("sparkConf");
    assertEquals(threads, conf.get("spark.task.cpus"));
    assertEquals(0, ((Integer) executor.get("cores")) % Integer.parseInt(threads));
  }

  @Test
  void sparkSubmitExampleMatchesTheSparkApplication() {
    String script = Manifests.read(Manifests.k8s().resolve("spark/spark-submit.sh"));
    assertTrue(script.contains("--master \"k8s://"), "spark-submit --master k8s://...");
    assertTrue(script.contains("--class " + SPARK_MAIN_CLASS));
    assertTrue(script.contains("local://" + SPARK_JAR_IN_IMAGE));
    for (String conf : List.of("spark.executor.instances=4", "spark.executor.cores=4", "spark.task.cpus=2",
        "spark.executor.memory=2g", "spark.executor.memoryOverhead=1g", "spark.kubernetes.container.image=")) {
      assertTrue(script.contains("--conf " + conf), conf);
    }
  }

  // ---------------------------------------------------------------- Dockerfiles (written and reviewed, not built)

  @Test
  void serverDockerfileMatchesTheDeployment() {
    String dockerfile = Manifests.read(Manifests.repoRoot().resolve("server/Dockerfile"));
    Deployment deployment = (Deployment) byKind(Manifests.build(Manifests.k8s().resolve("base"))).get("Deployment");
    assertTrue(dockerfile.contains("\nFROM eclipse-temurin:17-jre\n"));
    assertTrue(dockerfile.contains("./mvnw -B -ntp -DskipTests"));
    assertTrue(dockerfile.contains("\nEXPOSE " + container(deployment).getPorts().get(0).getContainerPort() + "\n"));
    assertTrue(dockerfile.contains("\nUSER " + deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser() + ":"));
    assertTrue(dockerfile.contains("--uid 10001"));
    String entrypoint = dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    for (String part : List.of("\"-XX:MaxRAMPercentage=75\"", "\"-XX:+ExitOnOutOfMemoryError\"", "\"-Djava.io.tmpdir=/tmp\"",
        "\"-jar\", \"/app/humanseg.jar\", \"serve\"]")) {
      assertTrue(entrypoint.contains(part), part);
    }
    assertTrue(dockerfile.contains("/src/server/target/humanseg.jar /app/humanseg.jar"));
    assertTrue(Manifests.read(Manifests.repoRoot().resolve("server/pom.xml")).contains("<finalName>humanseg</finalName>"));
  }

  @Test
  void sparkDockerfileIsOnTheSpark4ImageWithTheJarWhereTheManifestsLook() {
    String dockerfile = Manifests.read(Manifests.repoRoot().resolve("spark-job/Dockerfile"));
    assertTrue(Pattern.compile("(?m)^FROM apache/spark:4\\.").matcher(dockerfile).find());
    assertTrue(dockerfile.contains("/src/spark-job/target/humanseg-spark.jar " + SPARK_JAR_IN_IMAGE));
  }

  // ---------------------------------------------------------------- helpers

  static Map<String, Object> byKind(List<Map<String, Object>> resources) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map<String, Object> resource : resources) {
      HasMetadata parsed = Manifests.parseStrict(resource);
      assertNull(out.put(parsed.getKind(), parsed), "one " + parsed.getKind());
    }
    return out;
  }

  static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertEquals(1, containers.size());
    return containers.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<String> stringList(Object o) {
    return (List<String>) o;
  }
}
