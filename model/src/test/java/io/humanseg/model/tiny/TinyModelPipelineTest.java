package io.humanseg.model.tiny;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.encode.ResultEncoder;
import io.humanseg.image.ImageDecoder;
import io.humanseg.inference.FolderModelProvider;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.inference.ModelOutput;
import io.humanseg.inference.ModelSelection;
import io.humanseg.inference.OnnxModel;
import io.humanseg.inference.UnknownModelException;
import io.humanseg.model.catalog.InstalledModels;
import io.humanseg.model.tiny.TinyModels.Spec;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.InputSize;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmentation;
import io.humanseg.segment.Segmenter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The card contract end to end: for every size policy x activation (plus NHWC input and a strided output), a
 * tiny model built in code is installed into a models folder, found by name, and run by the whole pipeline
 * (decode, both passes, postprocess) on pictures of a red figure; the mask must cover the figure.
 */
class TinyModelPipelineTest {
  /** Landscape and portrait pictures, the figure's box in each. */
  private static final int[][] PICTURES = {{300, 200, 100, 40, 90, 140}, {180, 260, 30, 70, 100, 150}};

  @TempDir static Path models;

  static Stream<Spec> specs() {
    List<Spec> all = new ArrayList<>();
    for (String policy : TinyModels.POLICIES) {
      for (String activation : List.of("none", "sigmoid", "softmax", "minmax")) {
        all.add(Spec.of(policy, activation));
      }
    }
    all.add(Spec.of("height", "sigmoid").withLayout("NHWC"));
    all.add(Spec.of("fixed", "softmax").withLayout("NHWC"));
    all.add(Spec.of("longest", "sigmoid").withStride(2));
    all.add(Spec.of("fixed", "none").withStride(2));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void pipelineFindsTheFigure(Spec spec) throws IOException {
    TinyModels.install(spec, models);
    try (Segmenter segmenter = new Segmenter(new FolderModelProvider(models), new InferenceConfig(1, 2))) {
      SegmentationPipeline pipeline = new SegmentationPipeline(new ImageDecoder(), segmenter, new ResultEncoder());
      for (int[] p : PICTURES) {
        int[] figure = Arrays.copyOfRange(p, 2, 6);
        byte[] png = TinyModels.png(TinyModels.picture(p[0], p[1], figure));
        for (SegmentOptions options : List.of(
            SegmentOptions.defaults().withModel(spec.name()),
            new SegmentOptions(spec.name(), true, false, false, true))) {
          Segmentation s = pipeline.run(png, options, false).segmentation();
          assertTrue(s.personFound(), spec + " " + options);
          assertEquals(p[0], s.mask().width());
          assertEquals(p[1], s.mask().height());
          double iou = TinyModels.iou(s.mask(), figure);
          assertTrue(iou > 0.9, spec + " " + options + " on " + p[0] + "x" + p[1] + ": IoU " + iou);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void modelGetsTheSizeItsPolicyAsksFor(Spec spec) {
    ModelCard card = TinyModels.card(spec);
    InputSize size = InputSize.of(card.input(), 300, 200);
    switch (spec.policy()) {
      case "fixed" -> assertEquals(new InputSize(48, 64), size);
      // 64 rows; 300 * 64 / 200 = 96 columns, a multiple of 16.
      case "height" -> assertEquals(new InputSize(96, 64), size);
      // Longest side 72; 200 * 72 / 300 = 48, a multiple of 8.
      case "longest" -> assertEquals(new InputSize(72, 48), size);
      default -> throw new AssertionError();
    }
    try (OnnxModel model = OnnxModel.load(card, TinyModels.onnx(spec), 1)) {
      float[] input = new float[3 * size.pixels()];
      ModelOutput out = model.run(input, size.shape(card.input()));
      int s = spec.outputStride();
      assertArrayEquals(
          new long[] {1, "softmax".equals(spec.activation()) ? 2 : 1, size.height() / s, size.width() / s},
          out.shape());
    }
  }

  @Test
  void sidesRoundToTheMultipleAndNeverVanish() {
    ModelCard.Input height = TinyModels.card(Spec.of("height", "none")).input();
    assertEquals(new InputSize(16, 64), InputSize.of(height, 1, 4000));
    assertEquals(new InputSize(112, 64), InputSize.of(height, 107, 64));
    ModelCard.Input longest = TinyModels.card(Spec.of("longest", "none")).input();
    assertEquals(new InputSize(8, 72), InputSize.of(longest, 10, 4000));
    assertEquals(new InputSize(72, 72), InputSize.of(longest, 5, 5));
  }

  @Test
  void aShapeThatDoesNotFitTheCardIsRefused() {
    Spec spec = Spec.of("fixed", "none");
    try (OnnxModel model = OnnxModel.load(TinyModels.card(spec), TinyModels.onnx(spec), 1)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> model.run(new float[3 * 64 * 64], new long[] {1, 3, 64, 64}));
      assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }
  }

  @Test
  void cardsThatContradictTheirShapeAreRefused(@TempDir Path dir) throws IOException {
    String card = ModelCards.toJson(TinyModels.card(Spec.of("longest", "none")));
    Path file = dir.resolve("card.json");
    Files.writeString(file, card.replace("-1, -1 ]", "64, 64 ]").replace("-1, -1]", "64, 64]"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCards.read(file));
    assertTrue(e.getMessage().contains("dynamic"), e.getMessage());
    Files.writeString(file, card.replace("\"minmax\"", "\"tanh\"").replace("\"none\"", "\"tanh\""));
    e = assertThrows(IllegalArgumentException.class, () -> ModelCards.read(file));
    assertTrue(e.getMessage().contains("activation"), e.getMessage());
  }

  @Test
  void namesAndPathsBothSelectModels(@TempDir Path dir) {
    Path folder = TinyModels.install(Spec.of("height", "sigmoid"), dir.resolve("installed"));
    // By name, from the models folder, beside the built-in ones (the default stays built in).
    ModelSelection byName = ModelSelection.of("tiny-height-sigmoid", InstalledModels.in(dir.resolve("installed")));
    assertEquals("tiny-height-sigmoid", byName.model());
    assertEquals("selfie", byName.models().defaultName());
    assertTrue(byName.models().cards().stream().anyMatch(c -> c.name().equals("selfie-landscape")));
    // By the path of its card or folder, from anywhere.
    for (Path path : List.of(folder, folder.resolve("card.json"))) {
      ModelSelection byPath = ModelSelection.of(path.toString(), InstalledModels.in(dir.resolve("none")));
      assertEquals("tiny-height-sigmoid", byPath.model());
      assertTrue(byPath.models().onnx("tiny-height-sigmoid").length > 0);
    }
    UnknownModelException unknown = assertThrows(UnknownModelException.class,
        () -> ModelSelection.of("nope", InstalledModels.in(dir.resolve("installed"))));
    assertTrue(unknown.known().containsAll(List.of("selfie", "tiny-height-sigmoid")), unknown.getMessage());
    IllegalArgumentException onnx = assertThrows(IllegalArgumentException.class,
        () -> ModelSelection.of(folder.resolve("model.onnx").toString(), InstalledModels.in(dir)));
    assertTrue(onnx.getMessage().contains("model card"), onnx.getMessage());
  }

  @Test
  void aModelFetchedLaterIsFoundWithoutARestart(@TempDir Path dir) {
    FolderModelProvider folder = new FolderModelProvider(dir);
    assertFalse(folder.cards().stream().anyMatch(c -> c.name().equals("tiny-fixed-none")));
    TinyModels.install(Spec.of("fixed", "none"), dir);
    assertEquals("tiny-fixed-none", folder.card("tiny-fixed-none").name());
  }

  @Test
  void aCardCanTurnTheSecondPassOffByDefaultAndCallsCanTurnItBackOn() {
    ModelCard plain = TinyModels.card(Spec.of("fixed", "none"));
    ModelCard off = new ModelCard(plain.name(), plain.description(), plain.license(), plain.file(), null, null,
        plain.input(), plain.output(), plain.resize(), new ModelCard.Pipeline(false, "measured"));
    assertTrue(SegmentOptions.defaults().secondPassWith(plain));
    assertFalse(SegmentOptions.defaults().secondPassWith(off));
    assertTrue(SegmentOptions.defaults().withSecondPass(true).secondPassWith(off));
    assertFalse(SegmentOptions.defaults().withSecondPass(false).secondPassWith(plain));
    // The field survives the card's JSON.
    assertEquals(off, ModelCards.read(new java.io.ByteArrayInputStream(
        ModelCards.toJson(off).getBytes(java.nio.charset.StandardCharsets.UTF_8)), "test"));
  }
}
