package io.humanseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.ResultEncoder;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real local Spark session ({@code local[2,2]}: two task threads, and a failed task is retried once
 * as on a cluster) over a folder mixing real photos, broken files, a non-image, an oversize file and nested
 * folders.
 */
class SegmentJobTest {
  private static final long MAX_BYTES = 200_000;
  private static final int PHOTOS = 6;

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path input;
  private static SegmentationPipeline library;
  /** Relative path of each photo in the input folder. */
  private static final List<String> photos = new ArrayList<>();

  @BeforeAll
  static void setUp() throws IOException {
    Path evalImages = SharedData.require("evaldata").resolve("ccp").resolve("images");
    input = tmp.resolve("in");
    List<Path> sources;
    try (Stream<Path> s = Files.list(evalImages)) {
      sources = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(PHOTOS).toList();
    }
    String[] folders = {"", "a", "a/b", "a/b", "c", ""};
    for (int i = 0; i < sources.size(); i++) {
      String name = sources.get(i).getFileName().toString();
      if (i == 4) {
        name = "colon:" + name; // new Path(String) would read "colon" as a URI scheme
      } else if (i == 5) {
        name = name.replace(".jpg", ".JpG"); // the CLI takes any case; so must the job
      }
      String rel = (folders[i].isEmpty() ? "" : folders[i] + "/") + name;
      copy(sources.get(i), rel);
      photos.add(rel);
    }
    byte[] first = Files.readAllBytes(sources.get(0));
    write("a/truncated.jpg", Arrays.copyOf(first, first.length / 3));
    byte[] junk = new byte[4000];
    new java.util.Random(1).nextBytes(junk);
    junk[0] = (byte) 0xFF;
    junk[1] = (byte) 0xD8;
    junk[2] = (byte) 0xFF;
    write("c/garbage.jpg", junk);
    write("a/b/notes.png", "this is not a picture\n".getBytes(StandardCharsets.UTF_8));
    write("empty.jpg", new byte[0]);
    write("c/huge.jpg", new byte[(int) MAX_BYTES + 1]);
    write("readme.txt", "not an image extension: never listed".getBytes(StandardCharsets.UTF_8));

    spark = SparkSession.builder().master("local[2,2]").appName("SegmentJobTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    library = new SegmentationPipeline(new ImageDecoder(),
        new Segmenter(new BuiltinModelProvider(), InferenceConfig.defaults()), new ResultEncoder());
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static void copy(Path from, String rel) throws IOException {
    write(rel, Files.readAllBytes(from));
  }

  private static void write(String rel, byte[] bytes) throws IOException {
    Path p = input.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  private static SegmentJob.Summary run(String... args) {
    return job(args).run(spark);
  }

  /** The job with this test's limits, and 3 tasks unless the arguments choose. */
  private static SegmentJob job(String... args) {
    List<String> all = new ArrayList<>(List.of("--max-bytes", String.valueOf(MAX_BYTES)));
    if (!List.of(args).contains("--partitions")) {
      all.addAll(List.of("--partitions", "3"));
    }
    all.addAll(List.of(args));
    return SegmentJob.parse(all.toArray(String[]::new));
  }

  private static Map<String, Row> manifest(SegmentJob.Summary s) {
    return spark.read().parquet(s.manifest()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("path")), r -> r));
  }

  private static String relative(String path) {
    return OutputPaths.relative(input.toUri().toString().replaceFirst("^file:///", "file:/").replaceAll("/$", ""),
        path);
  }

  /** Temporary files, Spark's uncommitted task output and staging folders: none may outlive a run. */
  private static List<Path> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")
          || p.getFileName().toString().equals("_temporary") || p.getFileName().toString().equals("_staging"))
          .toList();
    }
  }

  private static void assertMaskMatchesLibrary(String rel, byte[] png, EncodeOptions encode) throws IOException {
    assertMaskMatchesLibrary(rel, png, encode, SegmentOptions.defaults());
  }

  private static void assertMaskMatchesLibrary(String rel, byte[] png, EncodeOptions encode, SegmentOptions options)
      throws IOException {
    byte[] expected = library.process(Files.readAllBytes(input.resolve(rel)), options, encode).image().bytes();
    BufferedImage a = ImageIO.read(new ByteArrayInputStream(png));
    BufferedImage b = ImageIO.read(new ByteArrayInputStream(expected));
    assertEquals(b.getWidth(), a.getWidth(), rel);
    assertEquals(b.getHeight(), a.getHeight(), rel);
    int bands = b.getRaster().getNumBands();
    assertEquals(bands, a.getRaster().getNumBands(), rel);
    int[] pa = a.getRaster().getPixels(0, 0, a.getWidth(), a.getHeight(), (int[]) null);
    int[] pb = b.getRaster().getPixels(0, 0, b.getWidth(), b.getHeight(), (int[]) null);
    int worst = 0;
    for (int i = 0; i < pa.length; i++) {
      worst = Math.max(worst, Math.abs(pa[i] - pb[i]));
    }
    assertTrue(worst <= 1, rel + ": differs from the library by " + worst + " grey levels");
  }

  @Test
  void segmentsAFolderIntoFilesWithAManifestAndASummary() throws IOException {
    Path out = tmp.resolve("out-files");
    SegmentJob.Summary s = run("--input", input.toString(), "--output", out.toString(), "--progress-seconds", "1");

    // Spark's file source never lists empty files (nor readme.txt, by extension): 10 inputs.
    assertEquals(10, s.total());
    assertEquals(PHOTOS, s.ok());
    assertEquals(4, s.error());
    assertEquals(0, s.skipped());
    assertEquals(Map.of("CORRUPT_IMAGE", 2L, "UNSUPPORTED_FORMAT", 1L, "IMAGE_TOO_LARGE", 1L), s.errors());

    Map<String, Row> rows = manifest(s);
    assertEquals(10, rows.size());
    Map<String, String> codes = new HashMap<>();
    for (Row r : rows.values()) {
      String rel = relative(r.getString(r.fieldIndex("path")));
      if (r.getString(r.fieldIndex("status")).equals("ok")) {
        assertNull(r.get(r.fieldIndex("error_code")));
        assertTrue(r.getInt(r.fieldIndex("width")) > 0);
        assertNotNull(r.getString(r.fieldIndex("model")));
        String stem = rel.substring(0, rel.lastIndexOf('.'));
        Path png = out.resolve(stem + ".png");
        assertEquals(png.toUri().getPath(), java.net.URI.create(r.getString(r.fieldIndex("output"))).getPath());
        assertMaskMatchesLibrary(rel, Files.readAllBytes(png), EncodeOptions.alpha());
        // The mask's confidence, as the library gives it: the column a team routes low ones to review by.
        double confidence = library.process(Files.readAllBytes(input.resolve(rel)), SegmentOptions.defaults(),
            EncodeOptions.alpha()).metadata().confidence();
        assertEquals(confidence, r.getDouble(r.fieldIndex("confidence")), 1e-3, rel);
        assertTrue(confidence > 0.5, rel + ": a photo of a person, confidence " + confidence);
        codes.put(rel, "ok");
      } else {
        assertEquals("error", r.getString(r.fieldIndex("status")));
        assertTrue(r.isNullAt(r.fieldIndex("confidence")), "no mask, no confidence");
        assertNotNull(r.getString(r.fieldIndex("message")));
        codes.put(rel, r.getString(r.fieldIndex("error_code")));
      }
    }
    Map<String, String> expected = new HashMap<>();
    photos.forEach(p -> expected.put(p, "ok"));
    expected.put("a/truncated.jpg", "CORRUPT_IMAGE");
    expected.put("c/garbage.jpg", "CORRUPT_IMAGE");
    expected.put("a/b/notes.png", "UNSUPPORTED_FORMAT");
    expected.put("c/huge.jpg", "IMAGE_TOO_LARGE");
    assertEquals(expected, codes);

    try (Stream<Path> pngs = Files.walk(out)) {
      assertEquals(PHOTOS, pngs.filter(p -> p.toString().endsWith(".png")).count());
    }
    assertEquals(List.of(), leftovers(out));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("_summary.json").toFile());
    for (String field : List.of("total", "ok", "error", "skipped", "seconds", "imagesPerSecond")) {
      assertTrue(summary.get(field).isNumber(), field);
    }
    assertEquals(1, summary.get("errors").get("IMAGE_TOO_LARGE").asInt());

    // Resume: the photos have ok rows and are skipped; the failures are tried again.
    SegmentJob.Summary again = run("--input", input.toString(), "--output", out.toString(), "--resume");
    assertEquals(10, again.total());
    assertEquals(PHOTOS, again.skipped());
    assertEquals(0, again.ok());
    assertEquals(4, again.error());
    assertTrue(manifest(again).values().stream().noneMatch(r -> r.getString(r.fieldIndex("status")).equals("ok")));

    // A third resume still knows the photos from the first run's manifest.
    assertEquals(PHOTOS, run("--input", input.toString(), "--output", out.toString(), "--resume").skipped());
  }

  @Test
  void writesMasksToParquet() throws IOException {
    Path out = tmp.resolve("out-parquet");
    SegmentJob.Summary s = run("--input", input.toString(), "--output", out.toString(), "--output-format", "parquet",
        "--output-kind", "rgba");
    assertEquals(PHOTOS, s.ok());
    assertEquals(4, s.error());
    List<Row> masks = spark.read().parquet(out.resolve("_masks").toString()).collectAsList();
    assertEquals(10, masks.size());
    int checked = 0;
    for (Row r : masks) {
      boolean ok = r.getString(r.fieldIndex("status")).equals("ok");
      assertEquals(ok, !r.isNullAt(r.fieldIndex("mask")));
      if (ok) {
        assertMaskMatchesLibrary(relative(r.getString(r.fieldIndex("path"))), r.getAs("mask"), EncodeOptions.rgba());
        checked++;
      }
    }
    assertEquals(PHOTOS, checked);
    assertFalse(Files.exists(out.resolve(photos.get(0).replace(".jpg", ".png"))));
    assertFalse(Arrays.asList(spark.read().parquet(s.manifest()).columns()).contains("mask"));
  }

  @Test
  void readsAnInputList() throws IOException {
    Path list = tmp.resolve("list.txt");
    Files.writeString(list, input.resolve(photos.get(0)) + "\n# comment\n\n" + input.resolve(photos.get(3)) + "\n"
        + input.resolve("missing.jpg") + "\n" + input.resolve("c/huge.jpg") + "\n" + input.resolve("empty.jpg") + "\n");
    Path out = tmp.resolve("out-list");
    SegmentJob.Summary s = run("--input-list", list.toString(), "--output", out.toString());
    assertEquals(5, s.total());
    assertEquals(2, s.ok());
    // Listed explicitly, an empty file is read and reported.
    assertEquals(Map.of("NOT_FOUND", 1L, "IMAGE_TOO_LARGE", 1L, "EMPTY_IMAGE", 1L), s.errors());
    // Outside an input folder, outputs mirror the absolute path.
    String rel = input.resolve(photos.get(0)).toString().substring(1);
    assertTrue(Files.exists(out.resolve(rel.substring(0, rel.lastIndexOf('.')) + ".png")), rel);
  }

  @Test
  void resumeUsesCompleteManifestsAndIgnoresRunsThatDied() throws IOException {
    Path out = tmp.resolve("out-crash");
    SegmentJob.Summary first = run("--input", input.toString(), "--output", out.toString());
    assertEquals(PHOTOS, first.ok());

    // What runs killed at other moments leave: a manifest Spark never committed (only _temporary, with a
    // torn Parquet file), one killed before its first task ended, and a staging folder with an empty file.
    Path torn = out.resolve("_manifest/run=torn/_temporary/0/_temporary/attempt_1/part-00000.snappy.parquet");
    Files.createDirectories(torn.getParent());
    Files.write(torn, new byte[] {'P', 'A', 'R', '1', 0, 0});
    Files.createDirectories(out.resolve("_manifest/run=early"));
    Path staged = out.resolve("_staging/run=torn/0b0e.tmp");
    Files.createDirectories(staged.getParent());
    Files.write(staged, new byte[0]);
    Files.createDirectories(out.resolve("_masks/run=torn"));

    SegmentJob.Summary resumed = run("--input", input.toString(), "--output", out.toString(), "--resume");
    assertEquals(10, resumed.total());
    assertEquals(PHOTOS, resumed.skipped());
    assertEquals(0, resumed.ok());
    assertEquals(4, resumed.error());
    assertEquals(List.of(), leftovers(out));
    assertFalse(Files.exists(out.resolve("_manifest/run=torn")));
    assertFalse(Files.exists(out.resolve("_manifest/run=early")));
    assertFalse(Files.exists(out.resolve("_masks/run=torn")));

    // An output whose manifest folder is empty, or holds only a dead run: nothing is done yet, all is redone.
    Path empty = tmp.resolve("out-empty-manifest");
    Files.createDirectories(empty.resolve("_manifest"));
    SegmentJob.Summary fresh = run("--input", input.toString(), "--output", empty.toString(), "--resume");
    assertEquals(10, fresh.total());
    assertEquals(0, fresh.skipped());
    assertEquals(PHOTOS, fresh.ok());
  }

  @Test
  void theClisPipelineSwitchesReachTheTasks() throws IOException {
    Path out = tmp.resolve("out-switches");
    SegmentJob.Summary s = run("--input", input.toString(), "--output", out.toString(), "--flip", "--no-second-pass");
    assertEquals(PHOTOS, s.ok());
    SegmentOptions options = SegmentOptions.defaults().withSecondPass(false);
    options = new SegmentOptions(options.model(), options.letterbox(), false, options.refine(), true);
    for (String rel : photos) {
      assertMaskMatchesLibrary(rel, Files.readAllBytes(out.resolve(rel.substring(0, rel.lastIndexOf('.')) + ".png")),
          EncodeOptions.alpha(), options);
    }
  }
}
