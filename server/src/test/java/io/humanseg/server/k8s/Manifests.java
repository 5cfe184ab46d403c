package io.humanseg.server.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads the {@code k8s/} manifests the way the tests need them: raw YAML maps, a kustomize emulation for the simple
 * layout used there, and strict typed parsing with fabric8.
 *
 * <p><b>Strict parsing.</b> fabric8's model classes keep unknown fields in {@code additionalProperties} instead of
 * failing, so "strict" here is: {@link KubernetesSerialization} must map the document to a typed model class (not a
 * {@link GenericKubernetesResource}, which is what a misspelt kind or apiVersion gives), a field of the wrong type fails
 * during parsing, and no {@code additionalProperties} may be left anywhere in the parsed tree (a misspelt field).
 *
 * <p><b>Kustomize emulation.</b> No Java kustomize exists, so {@link #build(Path)} supports exactly the shapes the
 * overlays use: {@code resources: [../../base]} plus {@code patches: [{path: file}]} where each file is a plain
 * strategic-merge fragment naming its target by apiVersion, kind and metadata.name. It is applied with a deep merge:
 * maps merge key by key, lists whose items are all maps with a {@code name} merge item by name (as strategic merge does
 * for containers, env, volumes and ports), any other list or value is replaced (as for the HPA's metrics, which have
 * no merge key). {@code images} entries ({@code name}, {@code newName}, {@code newTag}, as {@code kustomize edit set
 * image} writes them) rename matching container images. Anything else in a kustomization (namePrefix, labels, images, $patch directives, ...) fails the
 * tests, so that a new kustomize feature cannot silently go unchecked.
 */
final class Manifests {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Set<String> KUSTOMIZATION_KEYS = Set.of("apiVersion", "kind", "resources", "patches", "images");

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

  // ---------------------------------------------------------------- kustomize emulation

  /** The resources a kustomization directory produces (base or overlay), patched, in file order. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> build(Path dir) {
    Map<String, Object> kustomization = yamlMap(dir.resolve("kustomization.yaml"));
    for (String key : kustomization.keySet()) {
      if (!KUSTOMIZATION_KEYS.contains(key)) {
        throw new IllegalArgumentException(dir + "/kustomization.yaml: '" + key + "' is not emulated by the tests (see Manifests)");
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object entry : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
      Path resource = dir.resolve((String) entry).normalize();
      if (Files.isDirectory(resource)) {
        out.addAll(build(resource));
      } else if (Files.isRegularFile(resource)) {
        out.add(yamlMap(resource));
      } else {
        throw new IllegalArgumentException(dir + "/kustomization.yaml: resource " + entry + " does not exist");
      }
    }
    for (Object entry : (List<Object>) kustomization.getOrDefault("patches", List.of())) {
      Map<String, Object> spec = (Map<String, Object>) entry;
      if (!spec.keySet().equals(Set.of("path"))) {
        throw new IllegalArgumentException(dir + ": only patches with just a path are emulated, not " + spec);
      }
      Map<String, Object> patch = yamlMap(dir.resolve((String) spec.get("path")));
      rejectDirectives(patch, (String) spec.get("path"));
      int target = -1;
      for (int i = 0; i < out.size(); i++) {
        if (sameObject(out.get(i), patch)) {
          target = i;
        }
      }
      if (target < 0) {
        throw new IllegalArgumentException(dir + ": patch " + spec.get("path") + " matches no resource");
      }
      out.set(target, (Map<String, Object>) merge(out.get(target), patch));
    }
    for (Object entry : (List<Object>) kustomization.getOrDefault("images", List.of())) {
      Map<String, Object> image = (Map<String, Object>) entry;
      if (!Set.of("name", "newName", "newTag").containsAll(image.keySet())) {
        throw new IllegalArgumentException(dir + ": only images with name, newName, newTag are emulated, not " + image);
      }
      out.replaceAll(r -> (Map<String, Object>) setImage(r, image));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object setImage(Object node, Map<String, Object> image) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, setImage(v, image)));
      if (out.get("image") instanceof String current && out.containsKey("name")) {
        String[] nameTag = current.split(":(?=[^:/]+$)", 2);
        if (nameTag[0].equals(image.get("name"))) {
          String name = (String) image.getOrDefault("newName", nameTag[0]);
          Object tag = image.getOrDefault("newTag", nameTag.length > 1 ? nameTag[1] : null);
          out.put("image", tag == null ? name : name + ":" + tag);
        }
      }
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(v -> setImage(v, image)).toList();
    }
    return node;
  }

  static Map<String, Object> find(List<Map<String, Object>> resources, String kind) {
    List<Map<String, Object>> found = resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException("expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  private static boolean sameObject(Map<String, Object> a, Map<String, Object> b) {
    return a.get("apiVersion").equals(b.get("apiVersion"))
        && a.get("kind").equals(b.get("kind"))
        && name(a).equals(name(b));
  }

  @SuppressWarnings("unchecked")
  static String name(Map<String, Object> resource) {
    return (String) ((Map<String, Object>) resource.get("metadata")).get("name");
  }

  private static void rejectDirectives(Object node, String where) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (String.valueOf(k).startsWith("$")) {
          throw new IllegalArgumentException(where + ": strategic-merge directive " + k + " is not emulated");
        }
        rejectDirectives(v, where);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> rejectDirectives(v, where));
    }
  }

  /** Strategic merge, for the shapes described in the class comment. */
  @SuppressWarnings("unchecked")
  static Object merge(Object base, Object patch) {
    if (base instanceof Map<?, ?> b && patch instanceof Map<?, ?> p) {
      Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) b);
      ((Map<String, Object>) p).forEach((k, v) -> out.put(k, out.containsKey(k) ? merge(out.get(k), v) : v));
      return out;
    }
    if (base instanceof List<?> b && patch instanceof List<?> p && allNamed(b) && allNamed(p)) {
      List<Object> out = new ArrayList<>(b);
      for (Object item : p) {
        Object itemName = ((Map<?, ?>) item).get("name");
        int at = -1;
        for (int i = 0; i < out.size(); i++) {
          if (itemName.equals(((Map<?, ?>) out.get(i)).get("name"))) {
            at = i;
          }
        }
        if (at >= 0) {
          out.set(at, merge(out.get(at), item));
        } else {
          out.add(item);
        }
      }
      return out;
    }
    return patch;
  }

  private static boolean allNamed(List<?> list) {
    return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
  }
}
