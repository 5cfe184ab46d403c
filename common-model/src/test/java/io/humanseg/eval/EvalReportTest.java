package io.humanseg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalReportTest {
  @Test
  void reportsHowWellConfidenceRanksTheMasksAndWhichModelsProducedThem() throws Exception {
    List<ImageResult> images = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Confidence follows IoU except for two neighbouring pairs, swapped.
      int rank = i == 3 ? 4 : i == 4 ? 3 : i == 10 ? 11 : i == 11 ? 10 : i;
      double confidence = rank / 20.0;
      images.add(new ImageResult(String.format("img%02d", i), 0.5 + i / 40.0, 0, 0, confidence,
          i % 4 == 0 ? "quality" : "fast", 1));
    }
    EvalReport report = EvalReport.of("auto", "p", images, 1);
    double[] ranks = new double[20];
    double[] iou = new double[20];
    for (int i = 0; i < 20; i++) {
      ranks[i] = images.get(i).confidence();
      iou[i] = images.get(i).iou();
    }
    assertEquals(Ranks.spearman(ranks, iou), report.confidenceSpearman(), 1e-12);
    assertEquals(1 - 6 * 4.0 / (20 * (20 * 20 - 1)), report.confidenceSpearman(), 1e-12); // two swaps of 1 rank
    assertEquals(1.0, report.worstDecileCaught(), 1e-12); // the two lowest confidences are the two worst masks
    assertEquals(Map.of("fast", 15L, "quality", 5L), report.models());

    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));
    assertEquals(report.confidenceSpearman(), json.get("confidenceSpearman").asDouble(), 1e-12);
    assertEquals(1.0, json.get("worstDecileCaught").asDouble());
    assertEquals(0.20, json.get("images").get(3).get("confidence").asDouble());
    assertEquals("quality", json.get("images").get(0).get("model").asText());
    assertEquals(1.0, json.get("images").get(0).get("millis").asDouble());

    List<ImageResult> constant = images.stream()
        .map(r -> new ImageResult(r.id(), r.iou(), 0, 0, 0.9, r.model(), 1)).toList();
    assertNull(EvalReport.of("x", "p", constant, 1).confidenceSpearman(), "a constant confidence ranks nothing");
  }
}
