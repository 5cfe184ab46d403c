package io.humanseg.model.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.inference.OnnxModel;
import io.humanseg.model.convert.Fp16ToFp32;
import io.humanseg.model.convert.OnnxForCpu;
import io.humanseg.model.convert.OnnxProtos;
import io.humanseg.model.convert.TinyFp16Onnx;
import io.humanseg.model.fetch.ChunkedPackage;
import io.humanseg.model.fetch.FetchSettings;
import io.humanseg.model.fetch.Integrity;
import io.humanseg.model.fetch.LoopbackRegistry;
import io.humanseg.model.fetch.NpmPackageFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing a model that a package ships as chunks of a float16 ONNX file (like IS-Net in
 * {@code @imgly/background-removal-data}), from a registry on loopback.
 */
class ChunkedModelInstallTest {
  private static final String NAME = "@acme/isnet-data";
  private static final String VERSION = "2.0.0";
  private static final int N = TinyFp16Onnx.SIZE;

  @TempDir Path cache;
  @TempDir Path models;
  private final TinyFp16Onnx tiny = new TinyFp16Onnx(11);
  private final byte[] onnx = tiny.bytes();
  private byte[] tgz;
  private LoopbackRegistry registry;

  @BeforeEach
  void serve() throws IOException {
    tgz = new ChunkedPackage().add("/models/small", new byte[] {1, 2, 3}, 2).add("/models/tiny", onnx, 500).tgz();
    registry = new LoopbackRegistry(NAME, VERSION, tgz);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void installsTheReassembledGraphInFloat32WithItsCard() throws IOException {
    ModelCard card = installer().install(template(Integrity.sha256Hex(onnx)), models);

    Path dir = models.resolve("tiny-isnet");
    assertEquals(card, ModelCards.read(dir.resolve("card.json")));
    assertEquals(OnnxForCpu.WIDENED, card.conversion().converter());
    assertEquals(ChunkedPackage.MANIFEST + "#/models/tiny", card.conversion().from());
    assertEquals(15, card.conversion().opset());
    assertEquals(Integrity.sha256Hex(dir.resolve("model.onnx")), card.conversion().onnxSha256());
    assertEquals("/models/tiny", card.source().resource());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("card.json", "model.onnx"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }

    ModelProto installed = OnnxProtos.parse(Files.readAllBytes(dir.resolve("model.onnx")));
    assertFalse(Fp16ToFp32.hasFloat16(installed));
    assertEquals(1, installed.getGraph().getOutputCount(), "the side output is pruned");

    float[] input = new float[3 * N * N];
    Random r = new Random(5);
    for (int i = 0; i < input.length; i++) {
      input[i] = r.nextFloat() * 2 - 1;
    }
    try (OnnxModel model = OnnxModel.load(card, Files.readAllBytes(dir.resolve("model.onnx")), 1)) {
      float[] out = model.run(input);
      float[] expected = tiny.reference(input);
      for (int i = 0; i < out.length; i++) {
        assertEquals(expected[i], out[i], 1e-5f, "pixel " + i);
      }
    }
  }

  @Test
  void aReassembledFileThatDoesNotMatchTheCardIsRefusedAndNothingIsWritten() throws IOException {
    String wrong = "0".repeat(64);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> installer().install(template(wrong), models));
    assertTrue(
        e.getMessage().contains(
            "/models/tiny (reassembled from package/dist/resources.json) of " + NAME + "@" + VERSION
                + " does not match the card's sha256 " + wrong),
        e.getMessage());
    try (Stream<Path> files = Files.list(models)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aGraphThatBreaksTheCardsContractIsRefused() {
    ModelCard t = template(Integrity.sha256Hex(onnx));
    ModelCard.Output other = new ModelCard.Output("side1", "NCHW", List.of(1L, 2L, 8L, 8L), "none", 0, "side");
    ModelCard wrongOutput = new ModelCard(t.name(), t.description(), t.license(), t.file(), t.source(), null, t.input(), other, t.resize());
    ModelCard.Input bigger = new ModelCard.Input("input", "NCHW", List.of(1L, 3L, 16L, 16L), "RGB", 1, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0));
    ModelCard wrongInput = new ModelCard(t.name(), t.description(), t.license(), t.file(), t.source(), null, bigger, t.output(), t.resize());

    assertEquals(List.of(1L, 2L, 8L, 8L), installer().install(wrongOutput, models).output().shape(), "any graph output may be the card's");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> installer().install(wrongInput, models));
    assertTrue(e.getMessage().contains("has input shape [1, 3, 8, 8] but its card says [1, 3, 16, 16]"), e.getMessage());
  }

  private ModelInstaller installer() {
    return new ModelInstaller(new NpmPackageFetcher(FetchSettings.resolve(registry.url(), cache.toString())));
  }

  private ModelCard template(String sha256) {
    return new ModelCard(
        "tiny-isnet", "a float16 graph in chunks", "AGPL-3.0", "model.onnx",
        new ModelCard.Source(
            "https://registry.npmjs.org", NAME, VERSION, LoopbackRegistry.sri(tgz), ChunkedPackage.MANIFEST, sha256,
            "/models/tiny"),
        null,
        new ModelCard.Input("input", "NCHW", List.of(1L, 3L, (long) N, (long) N), "RGB", 1, List.of(128.0, 128.0, 128.0), List.of(256.0, 256.0, 256.0)),
        new ModelCard.Output("output", "NCHW", List.of(1L, 1L, (long) N, (long) N), "none", 0, "foreground"),
        new ModelCard.Resize("stretch", "bilinear", null));
  }
}
