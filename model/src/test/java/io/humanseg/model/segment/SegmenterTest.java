package io.humanseg.model.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.eval.Evaluator;
import io.humanseg.eval.MaskMetrics;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.inference.UnknownModelException;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmentation;
import io.humanseg.segment.Segmenter;
import io.humanseg.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The segmenter on the built-in model: sizes, the no-person case, models by name, many threads at once. */
class SegmenterTest {
  private static Segmenter segmenter;

  @BeforeAll
  static void open() {
    segmenter = new Segmenter(new BuiltinModelProvider(), new InferenceConfig(1, 2));
  }

  @AfterAll
  static void close() {
    segmenter.close();
  }

  @Test
  void maskHasTheRequestedSizeAndFindsThePerson() throws IOException {
    RgbImage photo = photos(1).get(0);
    Segmentation s = segmenter.segment(photo, photo.width() * 2, photo.height() * 2, SegmentOptions.defaults());
    assertTrue(s.personFound());
    assertEquals(photo.width() * 2, s.mask().width());
    assertEquals(photo.height() * 2, s.mask().height());
    assertEquals("selfie", s.model());
    assertEquals(java.util.Set.of("preprocess", "inference", "postprocess"), s.millis().keySet(), "the stages timed");
    assertTrue(s.confidence() > 0.8 && s.confidence() <= 1, "a clear photo of a person: " + s.confidence());
  }

  @Test
  void aLargePhotoIsSegmentedOnASmallerCanvasAndAnsweredAtFullSize() throws IOException {
    RgbImage photo = photos(1).get(0);
    // Nearest-neighbour enlargement to 2x the working side: the same scene, many more pixels.
    int w = photo.width() * 5;
    int h = photo.height() * 5;
    byte[] big = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(photo.rgb(), ((y / 5) * photo.width() + x / 5) * 3, big, (y * w + x) * 3, 3);
      }
    }
    AlphaMask small = segmenter.segment(photo, photo.width(), photo.height(), SegmentOptions.defaults()).mask();
    AlphaMask large = segmenter.segment(new RgbImage(w, h, big), w, h, SegmentOptions.defaults()).mask();
    assertEquals(w, large.width());
    assertEquals(h, large.height());
    int agree = 0;
    for (int y = 0; y < photo.height(); y++) {
      for (int x = 0; x < photo.width(); x++) {
        agree += (small.at(x, y) >= 128) == (large.at(x * 5 + 2, y * 5 + 2) >= 128) ? 1 : 0;
      }
    }
    assertTrue(agree > 0.97 * photo.width() * photo.height(), "masks agree on " + agree + " pixels");
  }

  @Test
  void whereTheWholePhotoShowsNobodyTheTilesFindThePerson() throws IOException {
    // vik_241: a small figure in a street scene that the whole-image look (and the plain pipeline) missed.
    RgbImage photo = new ImageDecoder().decode(Files.readAllBytes(vikram("images/vik_241.png")));
    AlphaMask truth = Evaluator.readMask(vikram("masks/vik_241.png"));
    Segmentation s = segmenter.segment(photo, photo.width(), photo.height(), SegmentOptions.defaults());
    assertTrue(s.personFound(), "the tiles find the person");
    double iou = MaskMetrics.of(s.mask(), truth).iou();
    assertTrue(iou > 0.5, "IoU against the ground truth " + iou);
    assertTrue(s.confidence() > 0 && s.confidence() < 1, "confidence " + s.confidence());
    // Without the second pass there is no finer look, and nobody is found, as before.
    Segmentation plain = segmenter.segment(photo, photo.width(), photo.height(),
        SegmentOptions.defaults().withSecondPass(false));
    assertFalse(plain.personFound());
  }

  @Test
  void peopleStandingApartGetACloserLookEach() throws IOException {
    // vik_021: a group on the left and one person on the right, with a wide gap. One crop around all of them
    // covered most of the photo and gave IoU 0.24; a crop per group gives each the model's full input.
    RgbImage photo = new ImageDecoder().decode(Files.readAllBytes(vikram("images/vik_021.jpg")));
    AlphaMask truth = Evaluator.readMask(vikram("masks/vik_021.png"));
    Segmentation s = segmenter.segment(photo, photo.width(), photo.height(), SegmentOptions.defaults());
    double iou = MaskMetrics.of(s.mask(), truth).iou();
    assertTrue(iou > 0.6, "IoU against the ground truth " + iou);
  }

  @Test
  void anEmptySceneHasNoPersonAndAnEmptyMask() {
    byte[] rgb = new byte[320 * 240 * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      int x = (i / 3) % 320;
      rgb[i] = (byte) (90 + x / 8); // a plain, slightly graded wall
      rgb[i + 1] = (byte) 120;
      rgb[i + 2] = (byte) 160;
    }
    Segmentation s = segmenter.segment(new RgbImage(320, 240, rgb), 320, 240, SegmentOptions.defaults());
    assertFalse(s.personFound());
    for (byte b : s.mask().alpha()) {
      assertEquals(0, b);
    }
    assertEquals(0.0, s.confidence(), "an empty mask of a photo sent for people is the one most worth a look");
  }

  @Test
  void anotherBuiltInModelByNameAndAnUnknownOne() throws IOException {
    RgbImage photo = photos(1).get(0);
    Segmentation s =
        segmenter.segment(photo, photo.width(), photo.height(), SegmentOptions.defaults().withModel("selfie-landscape"));
    assertEquals("selfie-landscape", s.model());
    UnknownModelException e =
        assertThrows(UnknownModelException.class,
            () -> segmenter.segment(photo, 10, 10, SegmentOptions.defaults().withModel("nope")));
    assertTrue(e.getMessage().contains("selfie-landscape"), e.getMessage());
  }

  @Test
  void concurrentCallsGiveTheSameMasksAsOneThread() throws Exception {
    List<RgbImage> photos = photos(4);
    SegmentOptions options = new SegmentOptions(null, false, true, true, true);
    List<AlphaMask> expected = new ArrayList<>();
    for (RgbImage p : photos) {
      expected.add(segmenter.segment(p, p.width(), p.height(), options).mask());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int k = i % photos.size();
        results.add(pool.submit(() -> {
          RgbImage p = photos.get(k);
          AlphaMask m = segmenter.segment(p, p.width(), p.height(), options).mask();
          assertArrayEquals(expected.get(k).alpha(), m.alpha());
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static List<RgbImage> photos(int count) throws IOException {
    Path dir = SharedData.require("evaldata").resolve("vikram-humanseg-removebg-pseudogt/images");
    try (Stream<Path> files = Files.list(dir)) {
      List<RgbImage> out = new ArrayList<>();
      for (Path p : files.sorted().limit(count).toList()) {
        out.add(new ImageDecoder().decode(Files.readAllBytes(p)));
      }
      return out;
    }
  }

  /** A file of the vikram evaluation set (its README: remove.bg's masks as the ground truth). */
  private static Path vikram(String file) {
    return SharedData.require("evaldata").resolve("vikram-humanseg-removebg-pseudogt").resolve(file);
  }
}
