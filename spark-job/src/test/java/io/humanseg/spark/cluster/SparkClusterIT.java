package io.humanseg.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.ResultEncoder;
import io.humanseg.eval.MaskMetrics;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.ImageDecoder;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.model.tiny.TinyModels;
import io.humanseg.model.tiny.TinyModels.Spec;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmenter;
import io.humanseg.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code humanseg-spark.jar} submitted to a real multi-JVM Spark standalone cluster (see
 * {@link StandaloneCluster}): real photos and broken files with the built-in model, a model from a models
 * folder on the driver, and a resume after the driver was killed with SIGKILL in the middle of a run.
 */
class SparkClusterIT {
  private static final String MAIN = "io.humanseg.spark.SegmentJob";
  private static final List<String> CONF = List.of("spark.ui.enabled=false", "spark.executor.memory=768m",
      "spark.executor.cores=2", "spark.driver.host=127.0.0.1", "spark.driver.bindAddress=127.0.0.1",
      "spark.executor.heartbeatInterval=1s");

  @TempDir static Path tmp;
  private static StandaloneCluster cluster;
  private static Path jar;
  private static Path photos;
  private static Path groundTruth;

  @BeforeAll
  static void startCluster() throws Exception {
    String jarProperty = System.getProperty("humanseg.spark.jar");
    jar = jarProperty == null ? null : Path.of(jarProperty);
    assertTrue(jar != null && Files.isRegularFile(jar),
        "humanseg-spark.jar missing (" + jarProperty + "): run this test with `./mvnw verify`, after package");
    Path ccp = SharedData.require("evaldata").resolve("ccp");
    photos = ccp.resolve("images");
    groundTruth = ccp.resolve("masks");
    cluster = new StandaloneCluster(tmp.resolve("cluster"), jar, 2, "2g");
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static List<Path> ccpPhotos(int n) throws IOException {
    try (Stream<Path> s = Files.list(photos)) {
      return s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(n).toList();
    }
  }

  private static StandaloneCluster.Jvm submit(String name, String... args) throws IOException {
    return cluster.submit(name, jar, MAIN, CONF, List.of(args));
  }

  private static void finish(StandaloneCluster.Jvm driver) throws Exception {
    assertTrue(driver.process.waitFor(10, TimeUnit.MINUTES), driver.name + " did not end:\n" + driver.output());
    assertEquals(0, driver.process.exitValue(), driver.name + " failed:\n" + driver.output());
  }

  private static JsonNode summary(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("_summary.json").toFile());
  }

  private static List<Row> manifest(JsonNode summary) {
    SparkSession reader = SparkSession.builder().master("local[1]").appName("manifest-reader")
        .config("spark.ui.enabled", "false").getOrCreate();
    return reader.read().parquet(summary.get("manifest").asText()).collectAsList();
  }

  private static AlphaMask read(Path png) throws IOException {
    BufferedImage mask = ImageIO.read(png.toFile());
    byte[] a = new byte[mask.getWidth() * mask.getHeight()];
    mask.getRaster().getDataElements(0, 0, mask.getWidth(), mask.getHeight(), a);
    return new AlphaMask(mask.getWidth(), mask.getHeight(), a);
  }

  private static List<Path> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")
          || p.getFileName().toString().equals("_temporary") || p.getFileName().toString().equals("_staging"))
          .toList();
    }
  }

  @Test
  void segmentsPhotosWithTheBuiltInModel() throws Exception {
    Path in = tmp.resolve("photos-in");
    Files.createDirectories(in.resolve("street"));
    List<Path> sources = ccpPhotos(4);
    Map<String, Path> truthByInput = new HashMap<>();
    String[] names = {"street/colon:" + sources.get(0).getFileName(), "street/" + sources.get(1).getFileName(),
        sources.get(2).getFileName().toString().replace(".jpg", ".JPG"), sources.get(3).getFileName().toString()};
    for (int i = 0; i < 4; i++) {
      Files.copy(sources.get(i), in.resolve(names[i]));
      String stem = sources.get(i).getFileName().toString().replace(".jpg", "");
      truthByInput.put(names[i], groundTruth.resolve(stem + ".png"));
    }
    byte[] photo = Files.readAllBytes(sources.get(0));
    Files.write(in.resolve("street/truncated.jpg"), Arrays.copyOf(photo, photo.length / 3));
    Files.writeString(in.resolve("notes.png"), "not a picture");

    Path out = tmp.resolve("photos-out");
    StandaloneCluster.Jvm driver = submit("driver-photos", "--input", in.toString(), "--output", out.toString(),
        "--partitions", "2", "--progress-seconds", "1");
    finish(driver);
    assertTrue(driver.output().contains("6 inputs, 0 skipped as done, 6 to segment in 2 tasks with selfie"),
        driver.output());

    JsonNode summary = summary(out);
    assertEquals(6, summary.get("total").asInt());
    assertEquals(4, summary.get("ok").asInt());
    assertEquals(2, summary.get("error").asInt());
    assertEquals(1, summary.get("errors").get("CORRUPT_IMAGE").asInt());
    assertEquals(1, summary.get("errors").get("UNSUPPORTED_FORMAT").asInt());

    Map<String, String> status = new HashMap<>();
    for (Row r : manifest(summary)) {
      String rel = in.toUri().relativize(java.net.URI.create(r.getString(r.fieldIndex("path")).replace("file:/",
          "file:///"))).getPath();
      status.put(rel, r.getString(r.fieldIndex("status")) + (r.isNullAt(r.fieldIndex("error_code")) ? ""
          : " " + r.getString(r.fieldIndex("error_code"))));
    }
    assertEquals(Map.of(names[0], "ok", names[1], "ok", names[2], "ok", names[3], "ok",
        "street/truncated.jpg", "error CORRUPT_IMAGE", "notes.png", "error UNSUPPORTED_FORMAT"), status);

    // The masks: what the library makes of the same bytes in this JVM, and close to the ground truth.
    try (Segmenter segmenter = new Segmenter(new BuiltinModelProvider(), InferenceConfig.defaults())) {
      SegmentationPipeline library = new SegmentationPipeline(new ImageDecoder(), segmenter, new ResultEncoder());
      double iouSum = 0;
      for (String name : names) {
        Path mask = out.resolve(name.substring(0, name.lastIndexOf('.')) + ".png");
        AlphaMask got = read(mask);
        byte[] expected = library.process(Files.readAllBytes(in.resolve(name)), SegmentOptions.defaults(),
            EncodeOptions.alpha()).image().bytes();
        assertTrue(Arrays.equals(expected, Files.readAllBytes(mask)), name + ": not the library's mask");
        iouSum += MaskMetrics.of(got, read(truthByInput.get(name))).iou();
      }
      assertTrue(iouSum / names.length > 0.85, "mean IoU against the ground truth " + iouSum / names.length);
    }
    assertEquals(List.of(), leftovers(out));
  }

  @Test
  void shipsAModelFromTheDriversModelsFolder() throws Exception {
    Path models = tmp.resolve("models");
    TinyModels.install(Spec.of("height", "softmax"), models);
    int[] figure = {50, 20, 70, 120};
    Path in = tmp.resolve("figures");
    Files.createDirectories(in);
    for (int i = 0; i < 4; i++) {
      Files.write(in.resolve("figure" + i + ".png"), TinyModels.png(TinyModels.picture(160 + 20 * i, 170, figure)));
    }
    Path out = tmp.resolve("figures-out");
    finish(submit("driver-models", "--input", in.toString(), "--output", out.toString(), "--model",
        "tiny-height-softmax", "--models-dir", models.toString(), "--partitions", "2"));
    JsonNode summary = summary(out);
    List<Row> rows = manifest(summary);
    assertEquals(4, summary.get("ok").asInt(), summary + "\n" + rows);
    for (Row r : rows) {
      assertEquals("tiny-height-softmax", r.getString(r.fieldIndex("model")));
    }
    for (int i = 0; i < 4; i++) {
      double iou = TinyModels.iou(read(out.resolve("figure" + i + ".png")), figure);
      assertTrue(iou > 0.9, "figure" + i + ": IoU " + iou);
    }
  }

  @Test
  void resumesAfterTheDriverWasKilledMidRun() throws Exception {
    Path in = tmp.resolve("many-in");
    List<Path> sources = ccpPhotos(10);
    List<String> names = new ArrayList<>();
    for (int copy = 0; copy < 4; copy++) {
      Files.createDirectories(in.resolve("c" + copy));
      for (Path s : sources) {
        String name = "c" + copy + "/" + s.getFileName();
        Files.copy(s, in.resolve(name));
        names.add(name);
      }
    }
    Path out = tmp.resolve("many-out");
    StandaloneCluster.Jvm first = submit("driver-killed", "--input", in.toString(), "--output", out.toString(),
        "--partitions", "4");
    // Kill the driver (SIGKILL) once the first masks are written: tasks are running, the manifest is not.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (countPngs(out) == 0) {
      assertTrue(first.process.isAlive(), "the first run ended before it could be killed:\n" + first.output());
      assertTrue(System.nanoTime() < deadline, "no mask written:\n" + first.output());
      Thread.sleep(100);
    }
    long executorsEnded = cluster.worker.count(l -> l.contains("finished with state"));
    first.process.destroyForcibly().waitFor();
    // The master notices the lost driver and the worker kills its executor before the next run starts.
    cluster.worker.awaitCount(l -> l.contains("finished with state"), executorsEnded + 1, 120);

    StandaloneCluster.Jvm second = submit("driver-resume", "--input", in.toString(), "--output", out.toString(),
        "--partitions", "4", "--resume");
    finish(second);
    assertFalse(second.output().contains("All paths were ignored"), second.output());
    JsonNode summary = summary(out);
    assertEquals(names.size(), summary.get("total").asInt(), summary.toString());
    // The killed run never committed its manifest: it is ignored, and its work is done again, once.
    assertEquals(0, summary.get("skipped").asInt(), summary.toString());
    assertEquals(names.size(), summary.get("ok").asInt(), summary.toString());
    assertEquals(names.size(), manifest(summary).size());
    assertEquals(names.size(), countPngs(out));
    assertEquals(List.of(), leftovers(out));

    // A further resume finds everything done.
    finish(submit("driver-resume-again", "--input", in.toString(), "--output", out.toString(), "--resume"));
    JsonNode again = summary(out);
    assertEquals(names.size(), again.get("skipped").asInt(), again.toString());
    assertEquals(0, again.get("ok").asInt() + again.get("error").asInt(), again.toString());
    assertFalse(again.get("manifest").asText().isEmpty());
  }

  private static long countPngs(Path out) throws IOException {
    if (!Files.exists(out)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(p -> p.toString().endsWith(".png")).count();
    }
  }
}
