package io.humanseg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.card.ModelCards;
import io.humanseg.model.fetch.BuiltinSources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code models} subcommands as a user runs them through the jar's entry point. */
class ModelsCommandTest {
  @TempDir Path dir;
  private final Cli cli = new Cli();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void listShowsTheBuiltInModelsWithTheDefaultFirst() {
    assertEquals(0, run("models", "list"));
    String text = cli.out();
    assertTrue(text.startsWith("selfie "), text);
    assertTrue(text.contains("default"), text);
    assertTrue(text.contains("selfie-landscape"), text);
  }

  @Test
  void convertWritesALoadableOnnxFile() throws Exception {
    Path tflite = dir.resolve("in.tflite");
    Files.write(tflite, BuiltinSources.tflite("selfie_segmentation_landscape.tflite"));
    Path onnx = dir.resolve("out/model.onnx");
    assertEquals(0, run("models", "convert", tflite.toString(), "-o", onnx.toString(), "--layout", "nhwc"));
    assertTrue(cli.out().contains("input_1[1, 144, 256, 3]"), cli.out());
    try (var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        var session = env.createSession(onnx.toString())) {
      assertEquals("segment_back", session.getOutputNames().iterator().next());
    }
  }

  @Test
  void convertOfANonTfliteFileFailsWithOneLine() throws Exception {
    Path bogus = dir.resolve("bogus.tflite");
    Files.writeString(bogus, "not a flatbuffer at all");
    assertEquals(1, run("models", "convert", bogus.toString(), "-o", dir.resolve("x.onnx").toString()));
    assertTrue(cli.err().contains("not a TFLite flatbuffer"), cli.err());
  }

  @Test
  void fetchInstallsModelAndCard() throws Exception {
    assertEquals(0, run("models", "fetch", "selfie", "--dir", dir.toString()));
    assertEquals("selfie", ModelCards.read(dir.resolve("selfie/card.json")).name());
    assertTrue(Files.size(dir.resolve("selfie/model.onnx")) > 100_000);
  }

  @Test
  void fetchOfAnUnknownModelNamesTheKnownOnes() {
    assertEquals(2, run("models", "fetch", "nope", "--dir", dir.toString()));
    assertTrue(cli.err().contains("selfie-landscape"), cli.err());
  }
}
