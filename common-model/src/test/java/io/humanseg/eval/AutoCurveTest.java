package io.humanseg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoCurveTest {
  private static final List<ImageResult> FAST = List.of(
      new ImageResult("a", 0.90, 0, 0, 0.95, "fast", 10),
      new ImageResult("b", 0.50, 0, 0, 0.40, "fast", 10),
      new ImageResult("c", 0.80, 0, 0, 0.70, "fast", 10),
      new ImageResult("d", 0.95, 0, 0, 0.97, "fast", 10));
  private static final List<ImageResult> QUALITY = List.of(
      new ImageResult("d", 0.96, 0, 0, 0.99, "good", 100),
      new ImageResult("c", 0.85, 0, 0, 0.90, "good", 100),
      new ImageResult("b", 0.90, 0, 0, 0.90, "good", 100),
      new ImageResult("a", 0.95, 0, 0, 0.99, "good", 100));

  @Test
  void eachThresholdEscalatesTheImagesUnderItAndPaysForBothModelsThere() {
    AutoCurve curve = AutoCurve.of(FAST, QUALITY, 0.25);
    assertEquals(5, curve.points().size());
    assertEquals(0.7875, curve.fastMIoU(), 1e-12);
    assertEquals(0.915, curve.qualityMIoU(), 1e-12);
    AutoCurve.Point none = curve.points().get(0);
    assertEquals(0, none.escalated());
    assertEquals(0.7875, none.mIoU(), 1e-12);
    assertEquals(10, none.millisPerImage(), 1e-12);
    AutoCurve.Point half = curve.points().get(2); // 0.5: only b (0.40)
    assertEquals(1, half.escalated());
    assertEquals((0.90 + 0.90 + 0.80 + 0.95) / 4, half.mIoU(), 1e-12);
    assertEquals(10 + 100 / 4.0, half.millisPerImage(), 1e-12);
    assertEquals(0.1 / 0.1275, half.gainKept(), 1e-9);
    assertEquals(0.35, half.timeShare(), 1e-12);
    AutoCurve.Point all = curve.points().get(4);
    assertEquals(1.0, all.threshold());
    assertEquals(4, all.escalated());
    assertEquals(0.915, all.mIoU(), 1e-12);
    assertEquals(1.0, all.gainKept(), 1e-12);
  }

  @Test
  void aConfidenceAtTheThresholdStaysAndJustUnderItEscalates() {
    AutoCurve curve = AutoCurve.of(FAST, QUALITY, new double[] {0.40, Math.nextUp(0.40)});
    assertEquals(0, curve.points().get(0).escalated());
    assertEquals(1, curve.points().get(1).escalated());
  }

  @Test
  void noThresholdIsChosenWhenTheQualityModelIsNotBetter() {
    // The "quality" model is the worse one here: a lower mIoU over a negative gain must not read as gain kept.
    AutoCurve curve = AutoCurve.of(QUALITY, FAST, 0.25);
    assertTrue(curve.points().stream().allMatch(p -> Double.isNaN(p.gainKept())), curve.points().toString());
    assertTrue(curve.choose(0.0, 1.0).isEmpty());
  }

  @Test
  void aPhotoTwiceInTheFastReportsIsRefused() {
    List<ImageResult> twice = List.of(FAST.get(0), FAST.get(0), FAST.get(2), FAST.get(3));
    assertThrows(IllegalArgumentException.class, () -> AutoCurve.of(twice, QUALITY, 0.25));
  }

  @Test
  void theChoiceIsTheCheapestThresholdThatKeepsTheGainWithinTheTime() {
    AutoCurve curve = AutoCurve.of(FAST, QUALITY, 0.25);
    assertEquals(0.5, curve.choose(0.7, 0.4).orElseThrow().threshold());
    assertEquals(0.75, curve.choose(0.8, 0.7).orElseThrow().threshold());
    assertTrue(curve.choose(0.8, 0.3).isEmpty(), "80% of the gain costs 60% of the time here");
  }

  @Test
  void readsEvalReportsAndRefusesReportsOfOtherPhotosOrWithoutConfidence(@TempDir Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path fast = dir.resolve("fast.json");
    Path quality = dir.resolve("quality.json");
    json.writeValue(fast.toFile(), EvalReport.of("fast", "p", FAST, 10));
    json.writeValue(quality.toFile(), EvalReport.of("good", "p", QUALITY, 100));
    assertEquals(AutoCurve.of(FAST, QUALITY, 0.05), AutoCurve.of(AutoCurve.read(fast), AutoCurve.read(quality), 0.05));

    assertThrows(IllegalArgumentException.class, () -> AutoCurve.of(FAST, QUALITY.subList(0, 3), 0.1));
    Path old = dir.resolve("old.json");
    Files.writeString(old, "{\"mIoU\": 0.9, \"images\": [{\"id\": \"a\", \"iou\": 0.9, \"mae\": 0.1}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoCurve.read(old));
    assertTrue(e.getMessage().contains("no per-image confidence"), e.getMessage());
  }
}
