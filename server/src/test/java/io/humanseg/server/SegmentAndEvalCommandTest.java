package io.humanseg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    Path images = tmp.resolve("images");
    Path masks = tmp.resolve("masks");
    Files.createDirectories(images);
    Files.createDirectories(masks);
    Path set = SharedData.require("evaldata").resolve("ccp");
    for (Path p : photos("ccp", 3)) {
      Files.copy(p, images.resolve(p.getFileName()));
      String base = p.getFileName().toString().replace(".jpg", ".png");
      Files.copy(set.resolve("masks").resolve(base), masks.resolve(base));
    }
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
