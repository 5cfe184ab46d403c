package io.humanseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.image.AlphaMask;
import io.humanseg.model.tiny.TinyModels;
import io.humanseg.model.tiny.TinyModels.Spec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that is not built in reaches the tasks as its card (inside the task) and its ONNX file (a job file),
 * on a local session; {@code SparkClusterIT} does the same across JVMs. Tiny models built in code: no
 * downloaded weights, no evaluation photos.
 */
class ShippedModelTest {
  private static final int[] FIGURE = {50, 20, 70, 120};

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path pictures;

  @BeforeAll
  static void setUp() throws IOException {
    pictures = tmp.resolve("pictures");
    Files.createDirectories(pictures);
    for (int i = 0; i < 4; i++) {
      Files.write(pictures.resolve("figure" + i + ".png"),
          TinyModels.png(TinyModels.picture(160 + 20 * i, 170, FIGURE)));
    }
    spark = SparkSession.builder().master("local[2]").appName("ShippedModelTest")
        .config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static void assertFigures(Path out, SegmentJob.Summary s) throws IOException {
    assertEquals(4, s.ok(), s.toString());
    for (Row r : spark.read().parquet(s.manifest()).collectAsList()) {
      assertEquals("tiny-height-softmax", r.getString(r.fieldIndex("model")));
    }
    for (int i = 0; i < 4; i++) {
      BufferedImage mask = ImageIO.read(out.resolve("figure" + i + ".png").toFile());
      byte[] a = new byte[mask.getWidth() * mask.getHeight()];
      mask.getRaster().getDataElements(0, 0, mask.getWidth(), mask.getHeight(), a);
      double iou = TinyModels.iou(new AlphaMask(mask.getWidth(), mask.getHeight(), a), FIGURE);
      assertTrue(iou > 0.9, "figure" + i + ": IoU " + iou);
    }
  }

  @Test
  void aModelGivenByCardPathIsShipped() throws IOException {
    Path card = TinyModels.install(Spec.of("height", "softmax"), tmp.resolve("cards")).resolve("card.json");
    Path out = tmp.resolve("out-card");
    assertFigures(out, SegmentJob.parse("--input", pictures.toString(), "--output", out.toString(),
        "--model", card.toString(), "--models-dir", tmp.resolve("no-models").toString()).run(spark));
  }

  @Test
  void anInstalledModelGivenByNameIsShipped() throws IOException {
    TinyModels.install(Spec.of("height", "softmax"), tmp.resolve("models"));
    Path out = tmp.resolve("out-name");
    assertFigures(out, SegmentJob.parse("--input", pictures.toString(), "--output", out.toString(),
        "--model", "tiny-height-softmax", "--models-dir", tmp.resolve("models").toString()).run(spark));
  }

  @Test
  void autoShipsItsQualityModelAndUsesItWhereTheDefaultModelIsUnsure() throws IOException {
    Path models = tmp.resolve("auto-models");
    TinyModels.install(Spec.of("height", "softmax"), models);
    // Threshold 1: every picture whose selfie mask is less than certain (all: selfie sees no person here).
    Path out = tmp.resolve("out-auto");
    SegmentJob.Summary s = SegmentJob.parse("--input", pictures.toString(), "--output", out.toString(),
        "--model", "auto", "--auto-model", "tiny-height-softmax", "--auto-threshold", "1",
        "--models-dir", models.toString()).run(spark);
    assertFigures(out, s);
    // Threshold 0: never; the default model's masks, and the manifest says so.
    Path never = tmp.resolve("out-auto-never");
    SegmentJob.Summary n = SegmentJob.parse("--input", pictures.toString(), "--output", never.toString(),
        "--model", "auto", "--auto-model", "tiny-height-softmax", "--auto-threshold", "0",
        "--models-dir", models.toString()).run(spark);
    assertEquals(4, n.ok());
    for (Row r : spark.read().parquet(n.manifest()).collectAsList()) {
      assertEquals("selfie", r.getString(r.fieldIndex("model")));
    }
  }

  @Test
  void cudaWhereThereIsNoneFailsTheJobWithItsReason() {
    // The built-in model on the CPU build: each task fails at its start, and the job with it (not a row per image).
    Path out = tmp.resolve("out-cuda");
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> SegmentJob.parse(
        "--input", pictures.toString(), "--output", out.toString(), "--execution-provider", "cuda").run(spark));
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    assertTrue(messages.toString().contains("execution provider cuda asked for, but CUDA is not usable here"),
        messages.toString());
  }
}
