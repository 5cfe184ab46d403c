package io.humanseg.model.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reassembly of chunked package files, fetched from a real HTTP registry on loopback. */
class ChunkedResourceTest {
  private static final String KEY = "/models/tiny";

  @TempDir Path cache;
  private final byte[] content = content(10_000);

  @Test
  void reassemblesTheChunksOfOneKey() throws IOException {
    ChunkedPackage pkg = new ChunkedPackage().add("/models/other", content(300), 128).add(KEY, content, 4096);
    assertArrayEquals(content, read(pkg.tgz(), KEY));
    assertEquals(3 + 3, pkg.files().size(), "chunks of both keys are in the package");
  }

  @Test
  void aChunkWhoseBytesDoNotMatchItsNameIsRefused() throws IOException {
    ChunkedPackage pkg = new ChunkedPackage().add(KEY, content, 4096);
    Map.Entry<String, byte[]> second = pkg.files().entrySet().stream().skip(1).findFirst().orElseThrow();
    second.getValue()[17] ^= 1;
    FetchException e = assertThrows(FetchException.class, () -> read(pkg.tgz(), KEY));
    assertTrue(e.getMessage().contains(second.getKey() + " of @acme/chunks@1.0.0 is a chunk of " + KEY + " but its sha256 is"), e.getMessage());
  }

  @Test
  void aMissingKeyNamesTheKeysThereAre() throws IOException {
    byte[] tgz = new ChunkedPackage().add(KEY, content, 4096).tgz();
    FetchException e = assertThrows(FetchException.class, () -> read(tgz, "/models/medium"));
    assertTrue(e.getMessage().contains("has no resource /models/medium; it has [" + KEY + "]"), e.getMessage());
  }

  @Test
  void aSizeThatTheChunksDoNotAddUpToIsRefused() throws IOException {
    ChunkedPackage pkg = new ChunkedPackage().add(KEY, content, 4096);
    ((ObjectNode) pkg.manifest().get(KEY)).put("size", content.length + 1);
    FetchException e = assertThrows(FetchException.class, () -> read(pkg.tgz(), KEY));
    assertTrue(e.getMessage().contains("cover 10000 bytes but its size is 10001"), e.getMessage());
  }

  @Test
  void chunksMustTileTheFileWithoutGaps() throws IOException {
    ChunkedPackage pkg = new ChunkedPackage().add(KEY, content, 4096);
    ObjectNode second = (ObjectNode) pkg.manifest().get(KEY).get("chunks").get(1);
    second.putArray("offsets").add(4097).add(8192);
    FetchException e = assertThrows(FetchException.class, () -> read(pkg.tgz(), KEY));
    assertTrue(e.getMessage().contains("covers [4097, 8192) but the next chunk must start at 4096"), e.getMessage());
  }

  @Test
  void aChunkOfAnotherLengthThanItsOffsetsIsRefusedBeforeItIsRead() throws IOException {
    ChunkedPackage pkg = new ChunkedPackage().add(KEY, content, 4096);
    var chunks = pkg.manifest().get(KEY).get("chunks");
    ((ObjectNode) chunks.get(0)).putArray("offsets").add(0).add(4000);
    ((ObjectNode) chunks.get(1)).putArray("offsets").add(4000).add(8192);
    FetchException e = assertThrows(FetchException.class, () -> read(pkg.tgz(), KEY));
    assertTrue(e.getMessage().contains("has 4096 bytes but the manifest places 4000 bytes of " + KEY), e.getMessage());
  }

  @Test
  void aChunkMissingFromThePackageIsNamed() throws IOException {
    ChunkedPackage pkg = new ChunkedPackage().add(KEY, content, 4096);
    String last = pkg.files().keySet().stream().reduce((a, b) -> b).orElseThrow();
    pkg.files().remove(last);
    FetchException e = assertThrows(FetchException.class, () -> read(pkg.tgz(), KEY));
    assertTrue(e.getMessage().contains("lacks chunks of " + KEY + ": [" + last + "]"), e.getMessage());
  }

  private byte[] read(byte[] tgz, String key) throws IOException {
    try (LoopbackRegistry registry = new LoopbackRegistry("@acme/chunks", "1.0.0", tgz)) {
      NpmPackageFetcher fetcher = new NpmPackageFetcher(FetchSettings.resolve(registry.url(), cache.toString()));
      NpmPackage pkg = new NpmPackage("@acme/chunks", "1.0.0", LoopbackRegistry.sri(tgz));
      return ChunkedResource.read(fetcher, pkg, ChunkedPackage.MANIFEST, key);
    }
  }

  private static byte[] content(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }
}
