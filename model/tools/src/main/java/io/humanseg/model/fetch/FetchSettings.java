package io.humanseg.model.fetch;

import java.nio.file.Path;

/**
 * Where packages are downloaded from and cached. Each setting is taken from, in order: an explicit value
 * (command line or Maven property), an environment variable, a default.
 *
 * @param registry npm registry base URL ({@code HUMANSEG_NPM_REGISTRY}, default the public registry)
 * @param cacheDir cache folder ({@code HUMANSEG_CACHE}, default {@code $XDG_CACHE_HOME/humanseg} or
 *     {@code ~/.cache/humanseg})
 */
public record FetchSettings(String registry, Path cacheDir) {
  public static final String DEFAULT_REGISTRY = "https://registry.npmjs.org";

  public static FetchSettings resolve(String registry, String cacheDir) {
    return new FetchSettings(
        firstNonBlank(registry, System.getenv("HUMANSEG_NPM_REGISTRY"), DEFAULT_REGISTRY),
        Path.of(firstNonBlank(cacheDir, System.getenv("HUMANSEG_CACHE"), defaultCacheDir())));
  }

  public static FetchSettings fromEnvironment() {
    return resolve(null, null);
  }

  private static String defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("humanseg").toString();
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    throw new IllegalStateException("no value");
  }
}
