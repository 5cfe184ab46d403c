package io.humanseg.model.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A file that a package ships in pieces: a manifest ({@code resources.json}) maps keys such as
 * {@code /models/medium} to chunks, each a file beside the manifest named by its sha256 and placed at
 * {@code offsets [start, end)} of the whole. npm packages for browsers split large models this way to keep
 * every file under CDN size limits.
 *
 * <p>Reassembly trusts nothing in the manifest: the chunks must tile the file from 0 without gaps or overlaps,
 * end at its declared size, and each must hash to its name. The caller still checks the whole file against
 * the sha256 its card pins, since the manifest comes from the same package as the chunks.
 */
public final class ChunkedResource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One piece: the file named {@code hash} beside the manifest holds bytes {@code [start, end)}. */
  public record Chunk(String hash, long start, long end) {
    long length() {
      return end - start;
    }
  }

  /** A manifest entry whose offsets have been checked. */
  public record Entry(String key, List<Chunk> chunks, long size) {}

  private ChunkedResource() {}

  /**
   * Reassembles {@code key} of the manifest at {@code manifestPath} in the package. The tarball is read twice,
   * streaming: once for the manifest, once for the chunks (in this package the manifest comes after them).
   */
  public static byte[] read(NpmPackageFetcher fetcher, NpmPackage pkg, String manifestPath, String key) {
    Path tgz = fetcher.tarball(pkg);
    Entry entry = entry(NpmPackageFetcher.file(tgz, pkg, manifestPath), key, where(pkg, manifestPath));
    String folder = manifestPath.substring(0, manifestPath.lastIndexOf('/') + 1);
    return assemble(tgz, pkg, folder, entry);
  }

  /** Parses a manifest and checks the offsets of one key. */
  public static Entry entry(byte[] manifest, String key, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(manifest);
    } catch (IOException e) {
      throw new FetchException(where + " is not JSON: " + e.getMessage(), e);
    }
    JsonNode node = root.get(key);
    if (node == null) {
      List<String> keys = new ArrayList<>();
      root.fieldNames().forEachRemaining(keys::add);
      throw new FetchException(where + " has no resource " + key + "; it has " + keys);
    }
    List<Chunk> chunks = new ArrayList<>();
    for (JsonNode c : node.path("chunks")) {
      JsonNode offsets = c.path("offsets");
      String hash = c.path("hash").asText("");
      if (!hash.matches("[0-9a-f]{64}") || offsets.size() != 2) {
        throw new FetchException(where + ": chunk " + chunks.size() + " of " + key + " needs a sha256 hash and two offsets");
      }
      chunks.add(new Chunk(hash, offsets.get(0).asLong(), offsets.get(1).asLong()));
    }
    long size = node.path("size").asLong(-1);
    long next = 0;
    for (Chunk c : chunks) {
      if (c.start() != next || c.end() <= c.start()) {
        throw new FetchException(
            where + ": chunk " + c.hash() + " of " + key + " covers [" + c.start() + ", " + c.end() + ") but the"
                + " next chunk must start at " + next);
      }
      next = c.end();
    }
    if (chunks.isEmpty() || next != size) {
      throw new FetchException(where + ": the chunks of " + key + " cover " + next + " bytes but its size is " + size);
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new FetchException(where + ": " + key + " is " + size + " bytes, too large to hold in memory");
    }
    return new Entry(key, List.copyOf(chunks), size);
  }

  private static byte[] assemble(Path tgz, NpmPackage pkg, String folder, Entry entry) {
    Map<String, List<Chunk>> wanted = new HashMap<>();
    entry.chunks().forEach(c -> wanted.computeIfAbsent(folder + c.hash(), k -> new ArrayList<>()).add(c));
    byte[] whole = new byte[(int) entry.size()];
    try (TarArchiveInputStream tar = NpmPackageFetcher.open(tgz)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null && !wanted.isEmpty(); ) {
        List<Chunk> places = e.isFile() ? wanted.remove(e.getName()) : null;
        if (places == null) {
          continue;
        }
        for (Chunk c : places) {
          // Checked on the tar header, before reading, so a wrong entry cannot make us read far more than asked.
          if (e.getSize() != c.length()) {
            throw new FetchException(
                where(pkg, e.getName()) + " has " + e.getSize() + " bytes but the manifest places " + c.length()
                    + " bytes of " + entry.key() + " there");
          }
        }
        byte[] bytes = tar.readAllBytes();
        String actual = Integrity.sha256Hex(bytes);
        for (Chunk c : places) {
          if (bytes.length != c.length() || !actual.equals(c.hash())) {
            throw new FetchException(
                where(pkg, e.getName()) + " is a chunk of " + entry.key() + " but its sha256 is " + actual);
          }
          System.arraycopy(bytes, 0, whole, (int) c.start(), bytes.length);
        }
      }
    } catch (IOException e) {
      throw new FetchException("cannot read " + tgz + ": " + NpmPackageFetcher.describe(e), e);
    }
    if (!wanted.isEmpty()) {
      throw new FetchException(
          pkg.name() + "@" + pkg.version() + " lacks chunks of " + entry.key() + ": " + wanted.keySet());
    }
    return whole;
  }

  private static String where(NpmPackage pkg, String path) {
    return path + " of " + pkg.name() + "@" + pkg.version();
  }
}
