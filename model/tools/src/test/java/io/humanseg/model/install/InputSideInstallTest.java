package io.humanseg.model.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.inference.ModelOutput;
import io.humanseg.inference.OnnxModel;
import io.humanseg.model.convert.OnnxForCpu;
import io.humanseg.model.convert.TinyResizeOnnx;
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
 * {@code models fetch NAME --size S}'s installer: a chunked ONNX graph traced at 8x8 with baked upsampling
 * targets ({@link TinyResizeOnnx}), served by a registry on loopback, installed at 16x16 as {@code NAME-16}.
 */
class InputSideInstallTest {
  private static final String NAME = "@acme/resize-data";
  private static final String VERSION = "1.0.0";
  private static final int C = 3;

  @TempDir Path cache;
  @TempDir Path models;
  private final byte[] onnx = TinyResizeOnnx.model(C).toByteArray();
  private byte[] tgz;
  private LoopbackRegistry registry;

  @BeforeEach
  void serve() throws IOException {
    tgz = new ChunkedPackage().add("/models/tiny", onnx, 300).tgz();
    registry = new LoopbackRegistry(NAME, VERSION, tgz);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void theVariantIsInstalledUnderItsOwnNameWithACardOfItsSideAndRunsAtIt() throws IOException {
    ModelCard card = installer().install(template(), models, 16);

    Path dir = models.resolve("tiny-resize-16");
    assertEquals(card, ModelCards.read(dir.resolve("card.json")));
    assertEquals("tiny-resize-16", card.name());
    assertEquals(List.of(1L, 3L, 16L, 16L), card.input().shape());
    assertEquals(List.of(1L, 3L, 16L, 16L), card.output().shape());
    assertEquals(template().input().mean(), card.input().mean());
    assertEquals(template().input().std(), card.input().std());
    assertEquals("AGPL-3.0", card.license());
    assertEquals(template().source(), card.source());
    assertEquals(OnnxForCpu.PRUNED + ", input rewritten to 16x16", card.conversion().converter());
    assertEquals(Integrity.sha256Hex(dir.resolve("model.onnx")), card.conversion().onnxSha256());
    assertEquals("a traced graph, 16x16 (its 8x8 graph rewritten, same weights), opt-in", card.description());
    assertEquals("stretch to 16x16", card.resize().note());
    try (Stream<Path> files = Files.list(models)) {
      assertEquals(List.of("tiny-resize-16"), files.map(p -> p.getFileName().toString()).toList(), "the 8x8 model is not installed");
    }

    float[] input = new float[C * 16 * 16];
    Random r = new Random(3);
    for (int i = 0; i < input.length; i++) {
      input[i] = r.nextFloat() * 2 - 1;
    }
    try (OnnxModel model = OnnxModel.load(card, Files.readAllBytes(dir.resolve("model.onnx")), 1)) {
      ModelOutput out = model.run(input, new long[] {1, C, 16, 16});
      assertArrayEquals(new long[] {1, C, 16, 16}, out.shape());
      assertArrayEquals(TinyResizeOnnx.output(input, C, 16), out.values(), 1e-6f);
    }
  }

  @Test
  void aSideTheGraphCannotTakeIsRefusedAndNothingIsWritten() throws IOException {
    // Read at "half", the graph keeps the 4x4 target too: sides step by 8 / gcd(8, 4) = 2.
    ModelCard.Output half = new ModelCard.Output("half", "NCHW", List.of(1L, 3L, 4L, 4L), "none", 0, "foreground");
    ModelCard t = template();
    ModelCard readsHalf =
        new ModelCard(t.name(), t.description(), t.license(), t.file(), t.source(), null, t.input(), half, t.resize());
    assertEquals(List.of(1L, 3L, 8L, 8L), installer().install(readsHalf, models, 16).output().shape());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> installer().install(readsHalf, models.resolve("other"), 15));
    assertEquals(
        "cannot rewrite the 8x8 graph to 15x15: the side must be a multiple of 2 so that every baked size scales to a"
            + " whole number",
        e.getMessage());
    assertTrue(Files.notExists(models.resolve("other")));
  }

  @Test
  void aModelConvertedFromTfliteIsRefused() {
    ModelCard selfie = CardTemplates.load().find("selfie").orElseThrow();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> installer().install(selfie, models, 128));
    assertTrue(e.getMessage().startsWith("selfie is converted from TFLite"), e.getMessage());
  }

  @Test
  void theVariantOfIsnetIsNamedForItsSideAndKeepsItsContract() {
    ModelCard isnet = CardTemplates.load().find("isnet").orElseThrow();
    ModelCard v = InputSideVariant.of(isnet, 768);
    assertEquals("isnet-768", v.name());
    assertEquals(List.of(1L, 3L, 768L, 768L), v.input().shape());
    assertEquals(List.of(1L, 1L, 768L, 768L), v.output().shape());
    assertEquals(isnet.input().mean(), v.input().mean());
    assertEquals(isnet.license(), v.license());
    assertEquals(isnet.pipeline(), v.pipeline());
    assertTrue(v.description().contains("768x768 (its 1024x1024 graph rewritten, same weights)"), v.description());
  }

  private ModelInstaller installer() {
    return new ModelInstaller(new NpmPackageFetcher(FetchSettings.resolve(registry.url(), cache.toString())));
  }

  private ModelCard template() {
    return new ModelCard(
        "tiny-resize", "a traced graph, 8x8, opt-in", "AGPL-3.0", "model.onnx",
        new ModelCard.Source(
            "https://registry.npmjs.org", NAME, VERSION, LoopbackRegistry.sri(tgz), ChunkedPackage.MANIFEST,
            Integrity.sha256Hex(onnx), "/models/tiny"),
        null,
        new ModelCard.Input("input", "NCHW", List.of(1L, 3L, 8L, 8L), "RGB", 1, List.of(128.0, 128.0, 128.0), List.of(256.0, 256.0, 256.0)),
        new ModelCard.Output("output", "NCHW", List.of(1L, 3L, 8L, 8L), "none", 0, "foreground"),
        new ModelCard.Resize("stretch", "bilinear", "stretch to 8x8"));
  }
}
