package io.humanseg.model.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download, verification and caching against a real HTTP registry on loopback. */
class NpmPackageFetcherTest {
  private static final byte[] CONTENT = "pretend weights".getBytes(StandardCharsets.UTF_8);

  @TempDir Path cache;
  private HttpServer registry;
  private byte[] tarball;
  private final AtomicInteger downloads = new AtomicInteger();

  @BeforeEach
  void startRegistry() throws IOException {
    tarball = LoopbackRegistry.tgz(java.util.Map.of("package/model.tflite", CONTENT));
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext("/@acme/seg/-/seg-1.0.0.tgz", exchange -> {
      downloads.incrementAndGet();
      exchange.sendResponseHeaders(200, tarball.length);
      exchange.getResponseBody().write(tarball);
      exchange.close();
    });
    registry.start();
  }

  @AfterEach
  void stopRegistry() {
    registry.stop(0);
  }

  @Test
  void downloadsVerifiesAndThenServesFromCache() throws IOException {
    NpmPackage pkg = new NpmPackage("@acme/seg", "1.0.0", LoopbackRegistry.sri(tarball));
    assertArrayEquals(CONTENT, fetcher(registryUrl()).file(pkg, "package/model.tflite"));
    assertEquals(1, downloads.get());

    // Offline now: the verified copy in the cache is enough.
    registry.stop(0);
    assertArrayEquals(CONTENT, fetcher("http://127.0.0.1:9").file(pkg, "package/model.tflite"));
    assertEquals(1, downloads.get());
  }

  @Test
  void refusesATarballThatDoesNotMatchItsIntegrity() throws IOException {
    NpmPackage pkg = new NpmPackage("@acme/seg", "1.0.0", LoopbackRegistry.sri("something else".getBytes(StandardCharsets.UTF_8)));
    FetchException e = assertThrows(FetchException.class, () -> fetcher(registryUrl()).tarball(pkg));
    assertTrue(e.getMessage().contains("integrity mismatch"), e.getMessage());
    try (var files = Files.walk(cache)) {
      assertEquals(0, files.filter(Files::isRegularFile).count(), "nothing unverified may stay in the cache");
    }
  }

  @Test
  void offlineWithAnEmptyCacheNamesTheUrlAndTheCachePath() {
    NpmPackage pkg = new NpmPackage("@acme/seg", "1.0.0", LoopbackRegistry.sri(tarball));
    registry.stop(0);
    FetchException e = assertThrows(FetchException.class, () -> fetcher(registryUrl()).tarball(pkg));
    assertTrue(e.getMessage().contains(registryUrl() + "/@acme/seg/-/seg-1.0.0.tgz"), e.getMessage());
    assertTrue(e.getMessage().contains(cache.resolve("npm").toString()), e.getMessage());
  }

  @Test
  void aMissingFileInThePackageIsNamed() throws IOException {
    NpmPackage pkg = new NpmPackage("@acme/seg", "1.0.0", LoopbackRegistry.sri(tarball));
    FetchException e =
        assertThrows(FetchException.class, () -> fetcher(registryUrl()).file(pkg, "package/other.tflite"));
    assertTrue(e.getMessage().contains("package/other.tflite"), e.getMessage());
  }

  private NpmPackageFetcher fetcher(String registryUrl) {
    return new NpmPackageFetcher(FetchSettings.resolve(registryUrl, cache.toString()));
  }

  private String registryUrl() {
    return "http://127.0.0.1:" + registry.getAddress().getPort();
  }
}
