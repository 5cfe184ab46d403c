package io.humanseg.model.fetch;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** An npm registry on loopback that serves one package tarball, for tests that fetch without the internet. */
public final class LoopbackRegistry implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger downloads = new AtomicInteger();

  /** Serves {@code tarball} where the registry convention puts {@code name@version}. */
  public LoopbackRegistry(String name, String version, byte[] tarball) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String path = new NpmPackage(name, version, "sha512-").tarballUri("").getPath();
    server.createContext(path, exchange -> {
      downloads.incrementAndGet();
      exchange.sendResponseHeaders(200, tarball.length);
      exchange.getResponseBody().write(tarball);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int downloads() {
    return downloads.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A gzipped tarball of these entries, in this order. */
  public static byte[] tgz(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The npm integrity string of some bytes. */
  public static String sri(byte[] data) {
    try {
      Path tmp = Files.createTempFile("sri", ".bin");
      Files.write(tmp, data);
      String s = Integrity.sri512(tmp);
      Files.delete(tmp);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
