package io.humanseg.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.inference.OnnxModel;
import io.humanseg.model.fetch.FetchSettings;
import io.humanseg.model.fetch.NpmPackageFetcher;
import io.humanseg.model.install.ModelInstaller;
import io.humanseg.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real IS-Net fetch: downloads the pinned 136 MB package (or uses the cache), installs {@code isnet} and
 * segments a few evaluation photos. Opt-in, since it downloads the 136 MB AGPL package: the build leaves the
 * {@code isnet-fetch} group out (so it is neither run nor reported as skipped); run it with
 * {@code ./mvnw -B -ntp -pl model -am verify -DexcludedGroups= -Dgroups=isnet-fetch -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("isnet-fetch")
class IsnetFetchTest {
  @TempDir Path models;

  @Test
  void installsTheTemplateReproduciblyAndSegmentsPhotos() throws IOException {
    ModelCard template = CardTemplates.load().find("isnet").orElseThrow();
    long start = System.nanoTime();
    ModelCard card = new ModelInstaller(new NpmPackageFetcher(FetchSettings.fromEnvironment())).install(template, models);
    System.out.printf("isnet installed in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    assertEquals(template.conversion(), card.conversion(), "the conversion reproduces the template's graph");

    Path ccp = SharedData.require("evaldata").resolve("ccp");
    List<Path> photos;
    try (Stream<Path> files = Files.list(ccp.resolve("images"))) {
      photos = files.sorted().limit(3).toList();
    }
    try (OnnxModel model = OnnxModel.load(card, Files.readAllBytes(models.resolve("isnet/model.onnx")), 2)) {
      for (Path photo : photos) {
        String base = photo.getFileName().toString().replaceAll("\\.[^.]+$", "");
        long t = System.nanoTime();
        float[][] prob = BuiltinModelQualityTest.segment(model, ImageIO.read(photo.toFile()));
        double iou = BuiltinModelQualityTest.iou(prob, ImageIO.read(ccp.resolve("masks").resolve(base + ".png").toFile()));
        System.out.printf("isnet %s IoU %.3f (%d ms)%n", base, iou, (System.nanoTime() - t) / 1_000_000);
        assertTrue(iou > 0.9, base + " IoU " + iou);
      }
    }
  }
}
