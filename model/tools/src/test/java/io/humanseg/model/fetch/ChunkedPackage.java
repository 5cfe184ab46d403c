package io.humanseg.model.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a package that ships a file as hash-named chunks plus a {@code package/dist/resources.json}
 * manifest, laid out like {@code @imgly/background-removal-data}: chunks first, manifest after them.
 */
public final class ChunkedPackage {
  public static final String MANIFEST = "package/dist/resources.json";

  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final ObjectNode manifest = new ObjectMapper().createObjectNode();

  /** Adds {@code content} under {@code key}, cut into chunks of {@code chunkSize} bytes. */
  public ChunkedPackage add(String key, byte[] content, int chunkSize) {
    ObjectNode entry = manifest.putObject(key);
    ArrayNode chunks = entry.putArray("chunks");
    for (int start = 0; start < content.length; start += chunkSize) {
      int end = Math.min(content.length, start + chunkSize);
      byte[] chunk = java.util.Arrays.copyOfRange(content, start, end);
      String hash = Integrity.sha256Hex(chunk);
      files.put("package/dist/" + hash, chunk);
      ObjectNode c = chunks.addObject();
      c.put("hash", hash);
      c.putArray("offsets").add(start).add(end);
    }
    entry.put("size", content.length);
    entry.put("mime", "application/octet-steam");
    return this;
  }

  /** The manifest, for tests that tamper with it before {@link #tgz()}. */
  public ObjectNode manifest() {
    return manifest;
  }

  /** The chunk files by path, for tests that tamper with them. */
  public Map<String, byte[]> files() {
    return files;
  }

  public byte[] tgz() {
    Map<String, byte[]> entries = new LinkedHashMap<>(files);
    entries.put("package/package.json", "{\"name\":\"fake\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    entries.put(MANIFEST, manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return LoopbackRegistry.tgz(entries);
  }
}
