package io.humanseg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.humanseg.eval.Ranks;
import io.humanseg.model.tiny.TinyModels;
import io.humanseg.model.tiny.TinyModels.Spec;
import io.humanseg.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment} and {@code eval} as a user runs them, on real photos from the evaluation data. */
class SegmentAndEvalCommandTest {
  @TempDir Path tmp;
  private final Cli cli = new Cli();

  private int run(String... args) {
    return cli.run(args);
  }

  private static List<Path> photos(String set, int n) throws Exception {
    try (Stream<Path> files = Files.list(SharedData.require("evaldata").resolve(set).resolve("images"))) {
      return files.sorted().limit(n).toList();
    }
  }

  @Test
  void segmentsAFolderMirroringItsTreeSkippingDoneWorkAndListingBadFiles() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in.resolve("nested"));
    List<Path> photos = photos("ccp", 2);
    Files.copy(photos.get(0), in.resolve("a.jpg"));
    Files.copy(photos.get(1), in.resolve("nested/b.jpg"));
    Files.write(in.resolve("broken.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3});
    Files.writeString(in.resolve("notes.txt"), "not an image, not even looked at");
    Path outDir = tmp.resolve("out");

    assertEquals(1, run("segment", in.toString(), "-o", outDir.toString()));
    assertTrue(cli.out().contains("2 segmented, 0 already done, 1 failed"), cli.out());
    assertTrue(cli.out().contains("broken.jpg"), cli.out());
    BufferedImage mask = ImageIO.read(outDir.resolve("nested/b.png").toFile());
    BufferedImage photo = ImageIO.read(photos.get(1).toFile());
    assertEquals(photo.getWidth(), mask.getWidth());
    assertEquals(photo.getHeight(), mask.getHeight());
    assertEquals(1, mask.getRaster().getNumBands(), "a grey mask");

    cli.clear();
    Files.delete(in.resolve("broken.jpg"));
    assertEquals(0, run("segment", in.toString(), "-o", outDir.toString()));
    assertTrue(cli.out().contains("0 segmented, 2 already done, 0 failed"), cli.out());
  }

  @Test
  void writesCompositesAsJpeg() throws Exception {
    Path photo = photos("vikram-humanseg-removebg-pseudogt", 1).get(0);
    Path outDir = tmp.resolve("composite");
    assertEquals(0, run("segment", photo.toString(), "-o", outDir.toString(), "--output", "composite",
        "--background", "00ff00", "--format", "jpeg"), cli.err());
    try (Stream<Path> files = Files.list(outDir)) {
      Path result = files.findFirst().orElseThrow();
      assertTrue(result.toString().endsWith(".jpg"), result.toString());
      assertEquals(ImageIO.read(photo.toFile()).getWidth(), ImageIO.read(result.toFile()).getWidth());
    }
  }

  @Test
  void evalWritesTheReportFields() throws Exception {
    Path[] set = evalSet("report");
    Path images = set[0];
    Path masks = set[1];
    Path json = tmp.resolve("report.json");
    assertEquals(0, run("eval", "--images", images.toString(), "--masks", masks.toString(), "--json", json.toString()),
        cli.err());
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals(3, report.get("count").asInt());
    for (String field : new String[] {"mIoU", "minIoU", "mae", "boundaryIoU"}) {
      assertTrue(report.get(field).isNumber(), field);
    }
    assertTrue(report.get("mIoU").asDouble() > 0.85, report.toString());
    assertTrue(report.get("minIoU").asDouble() <= report.get("mIoU").asDouble());
    // Per image: the confidence, the model and the time; for the set: how well confidence ranks the masks.
    double[] confidence = new double[3];
    double[] iou = new double[3];
    for (int i = 0; i < 3; i++) {
      JsonNode image = report.get("images").get(i);
      confidence[i] = image.get("confidence").asDouble();
      iou[i] = image.get("iou").asDouble();
      assertTrue(confidence[i] > 0.5 && confidence[i] <= 1, image.toString());
      assertEquals("selfie", image.get("model").asText());
      assertTrue(image.get("millis").asDouble() > 0, image.toString());
    }
    assertEquals(Ranks.spearman(confidence, iou), report.get("confidenceSpearman").asDouble(), 1e-12);
    // With three photos the worst tenth is one photo: caught when the least confident one is the worst one.
    int leastConfident = 0;
    int worst = 0;
    for (int i = 1; i < 3; i++) {
      leastConfident = confidence[i] < confidence[leastConfident] ? i : leastConfident;
      worst = iou[i] < iou[worst] ? i : worst;
    }
    assertEquals(leastConfident == worst ? 1.0 : 0.0, report.get("worstDecileCaught").asDouble(), 1e-12);
    assertEquals(3, report.get("models").get("selfie").asInt());
    assertTrue(cli.out().contains("confidence against IoU: Spearman"), cli.out());
  }

  /** Three ccp photos and their masks, in folders of their own. */
  private Path[] evalSet(String name) throws Exception {
    Path images = tmp.resolve(name).resolve("images");
    Path masks = tmp.resolve(name).resolve("masks");
    Files.createDirectories(images);
    Files.createDirectories(masks);
    Path set = SharedData.require("evaldata").resolve("ccp");
    for (Path p : photos("ccp", 3)) {
      Files.copy(p, images.resolve(p.getFileName()));
      String base = p.getFileName().toString().replace(".jpg", ".png");
      Files.copy(set.resolve("masks").resolve(base), masks.resolve(base));
    }
    return new Path[] {images, masks};
  }

  private JsonNode eval(Path[] set, Path json, String... options) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("eval", "--images", set[0].toString(), "--masks",
        set[1].toString(), "--json", json.toString()));
    args.addAll(List.of(options));
    assertEquals(0, run(args.toArray(String[]::new)), cli.err());
    return new ObjectMapper().readTree(json.toFile());
  }

  private static java.util.Map<String, JsonNode> byId(JsonNode report) {
    java.util.Map<String, JsonNode> images = new java.util.TreeMap<>();
    report.get("images").forEach(i -> images.put(i.get("id").asText(), i));
    return images;
  }

  @Test
  void autoEscalatesTheImagesUnderItsThresholdAsItsCurvePredicts() throws Exception {
    Path[] set = evalSet("auto");
    Path models = tmp.resolve("auto-models");
    TinyModels.install(Spec.of("height", "softmax"), models);
    String quality = "tiny-height-softmax";
    JsonNode fast = eval(set, tmp.resolve("fast.json"));
    JsonNode good = eval(set, tmp.resolve("quality.json"), "--model", quality, "--models-dir", models.toString());
    // The threshold: the middle one of the three confidences, so exactly the least confident photo escalates.
    List<JsonNode> ranked = new java.util.ArrayList<>(byId(fast).values());
    ranked.sort(java.util.Comparator.comparingDouble(i -> i.get("confidence").asDouble()));
    double threshold = ranked.get(1).get("confidence").asDouble();
    String escalated = ranked.get(0).get("id").asText();

    JsonNode auto = eval(set, tmp.resolve("auto.json"), "--model", "auto", "--models-dir", models.toString(),
        "--auto-model", quality, "--auto-threshold", String.valueOf(threshold));
    assertEquals("auto", auto.get("model").asText());
    assertEquals(2, auto.get("models").get("selfie").asInt(), auto.toString());
    assertEquals(1, auto.get("models").get(quality).asInt(), auto.toString());
    java.util.Map<String, JsonNode> fastIds = byId(fast);
    java.util.Map<String, JsonNode> goodIds = byId(good);
    for (java.util.Map.Entry<String, JsonNode> image : byId(auto).entrySet()) {
      boolean up = image.getKey().equals(escalated);
      JsonNode expected = (up ? goodIds : fastIds).get(image.getKey());
      assertEquals(up ? quality : "selfie", image.getValue().get("model").asText(), image.getKey());
      assertEquals(expected.get("iou").asDouble(), image.getValue().get("iou").asDouble(), 1e-9, image.getKey());
      assertEquals(expected.get("confidence").asDouble(), image.getValue().get("confidence").asDouble(), 1e-9);
    }

    // The curve from the two single-model reports: at this threshold, auto's mIoU.
    Path csv = tmp.resolve("curve.csv");
    cli.clear();
    assertEquals(0, run("auto-curve", "--fast", tmp.resolve("fast.json").toString(), "--quality",
        tmp.resolve("quality.json").toString(), "--csv", csv.toString()), cli.err());
    assertTrue(cli.out().contains("| threshold | escalated | mIoU | ms/image | gain kept | time share |"), cli.out());
    List<String> rows = Files.readAllLines(csv);
    assertEquals(102, rows.size(), "a header and thresholds 0, 0.01, ... 1");
    io.humanseg.eval.AutoCurve curve = io.humanseg.eval.AutoCurve.of(io.humanseg.eval.AutoCurve.read(
        tmp.resolve("fast.json")), io.humanseg.eval.AutoCurve.read(tmp.resolve("quality.json")),
        new double[] {threshold});
    assertEquals(auto.get("mIoU").asDouble(), curve.points().get(0).mIoU(), 1e-9, "the curve at auto's threshold");

    // Without the quality model installed, auto is the default model.
    JsonNode alone = eval(set, tmp.resolve("alone.json"), "--model", "auto", "--models-dir",
        tmp.resolve("no-models").toString(), "--auto-threshold", "1");
    assertEquals(3, alone.get("models").get("selfie").asInt(), alone.toString());
    assertEquals(fast.get("mIoU").asDouble(), alone.get("mIoU").asDouble(), 1e-12);
  }

  @Test
  void segmentListsTheFilesWithTheLowestConfidence() throws Exception {
    Path[] set = evalSet("lowest");
    JsonNode report = eval(set, tmp.resolve("lowest.json"));
    List<JsonNode> ranked = new java.util.ArrayList<>(byId(report).values());
    ranked.sort(java.util.Comparator.comparingDouble(i -> i.get("confidence").asDouble()));
    cli.clear();
    assertEquals(0, run("segment", set[0].toString(), "-o", tmp.resolve("lowest-out").toString(), "--lowest", "2"),
        cli.err());
    String out = cli.out();
    int at = out.indexOf("lowest mask confidence");
    assertTrue(at >= 0, out);
    List<String> listed = out.substring(at).lines().skip(1).filter(l -> l.startsWith("  ")).toList();
    assertEquals(2, listed.size(), out);
    for (int i = 0; i < 2; i++) {
      JsonNode image = ranked.get(i);
      String line = listed.get(i);
      assertTrue(line.startsWith(String.format(java.util.Locale.ROOT, "  %.3f ", image.get("confidence").asDouble()))
          && line.contains(image.get("id").asText() + ".jpg") && line.endsWith("(selfie)"), line);
    }
  }

  @Test
  void modelsAreChosenByNameFromTheModelsFolderOrByCardPath() throws Exception {
    Path models = tmp.resolve("models");
    Path card = TinyModels.install(Spec.of("longest", "sigmoid"), models).resolve("card.json");
    TinyModels.install(Spec.of("height", "softmax"), models);
    int[] figure = {40, 20, 60, 90};
    Path in = tmp.resolve("pictures");
    Files.createDirectories(in);
    Files.write(in.resolve("figure.png"), TinyModels.png(TinyModels.picture(150, 120, figure)));

    // By name, from --models-dir.
    assertEquals(0, run("segment", in.toString(), "-o", tmp.resolve("by-name").toString(),
        "--models-dir", models.toString(), "--model", "tiny-height-softmax"));
    assertTrue(TinyModels.iou(mask(tmp.resolve("by-name/figure.png")), figure) > 0.9);
    // By the path of a card, with no models folder at all.
    assertEquals(0, run("segment", in.toString(), "-o", tmp.resolve("by-path").toString(),
        "--models-dir", tmp.resolve("none").toString(), "--model", card.toString()));
    assertTrue(TinyModels.iou(mask(tmp.resolve("by-path/figure.png")), figure) > 0.9);
    // An unknown name fails in one line that lists the known ones.
    cli.clear();
    assertEquals(1, run("segment", in.toString(), "-o", tmp.resolve("x").toString(),
        "--models-dir", models.toString(), "--model", "nope"));
    assertTrue(cli.err().contains("unknown model 'nope'") && cli.err().contains("tiny-height-softmax"), cli.err());
  }

  private static io.humanseg.image.AlphaMask mask(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    byte[] a = new byte[image.getWidth() * image.getHeight()];
    image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), a);
    return new io.humanseg.image.AlphaMask(image.getWidth(), image.getHeight(), a);
  }
}
