package io.humanseg.server.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.humanseg.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads the {@code k8s/} manifests the way the tests need them: raw YAML maps, overlays rendered by the real
 * kustomize ({@code kubectl kustomize}), and strict typed parsing with fabric8.
 *
 * <p><b>Strict parsing.</b> fabric8's model classes keep unknown fields in {@code additionalProperties} instead of
 * failing, so "strict" here is: {@link KubernetesSerialization} must map the document to a typed model class (not a
 * {@link GenericKubernetesResource}, which is what a misspelt kind or apiVersion gives), a field of the wrong type fails
 * during parsing, and no {@code additionalProperties} may be left anywhere in the parsed tree (a misspelt field).
 *
 */
final class Manifests {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {}

  /** The repository root: the first folder up from the working directory holding {@code k8s/} and {@code mvnw}. */
  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("k8s")) && Files.isRegularFile(p.resolve("mvnw"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root with k8s/ above " + Path.of("").toAbsolutePath());
  }

  static Path k8s() {
    return repoRoot().resolve("k8s");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One YAML document as plain maps, lists and scalars. */
  static Object yaml(String text) {
    return new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yamlMap(Path file) {
    Object doc = yaml(read(file));
    if (!(doc instanceof Map)) {
      throw new IllegalArgumentException(file + ": not a YAML mapping");
    }
    return (Map<String, Object>) doc;
  }

  /** Strictly parses one Kubernetes object given as YAML (see the class comment). */
  static HasMetadata parseStrict(String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    if (!(parsed instanceof HasMetadata resource)) {
      throw new IllegalArgumentException("not a single Kubernetes object: " + parsed);
    }
    if (resource instanceof GenericKubernetesResource) {
      throw new IllegalArgumentException(
          "apiVersion " + resource.getApiVersion() + " kind " + resource.getKind() + " is not a built-in Kubernetes type");
    }
    List<String> unknown = new ArrayList<>();
    collectUnknownFields(resource, resource.getKind(), unknown);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(resource.getKind() + " " + resource.getMetadata().getName() + ": unknown fields " + unknown);
    }
    return resource;
  }

  /** Strictly parses a resource given as maps (after patching). */
  static HasMetadata parseStrict(Map<String, Object> resource) {
    return parseStrict(SERIALIZATION.asJson(resource));
  }

  /** A custom resource (no model class here): parsed by fabric8 as a {@link GenericKubernetesResource}. */
  static GenericKubernetesResource parseGeneric(String yaml) {
    return SERIALIZATION.unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static void collectUnknownFields(Object node, String path, List<String> unknown) {
    if (node == null) {
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknownFields(v, path + "[" + k + "]", unknown));
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
      return;
    }
    for (Method m : node.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        if (m.getName().equals("getAdditionalProperties")) {
          Map<?, ?> extra = (Map<?, ?>) m.invoke(node);
          if (extra != null) {
            extra.keySet().forEach(k -> unknown.add(path + "." + k));
          }
        } else if (m.isAnnotationPresent(JsonProperty.class)) {
          collectUnknownFields(m.invoke(node), path + "." + m.getAnnotation(JsonProperty.class).value(), unknown);
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(path + "." + m.getName(), e);
      }
    }
  }

  // ---------------------------------------------------------------- kustomize

  /**
   * The resources a kustomization directory produces (base or overlay), as rendered by the real kustomize:
   * {@code kubectl kustomize DIR} (Debian's kubectl, which .ci/run installs when absent).
   */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> build(Path dir) {
    Path kubectl = SharedData.requireTool("kubectl", "kubectl");
    String rendered;
    try {
      Path errors = Files.createTempFile("kustomize", ".err");
      try {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
            .redirectError(errors.toFile()).start();
        rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
          throw new IllegalArgumentException("kubectl kustomize " + dir + " failed: " + Files.readString(errors));
        }
      } finally {
        Files.delete(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(rendered)) {
      if (doc != null) {
        out.add((Map<String, Object>) doc);
      }
    }
    return out;
  }
}
