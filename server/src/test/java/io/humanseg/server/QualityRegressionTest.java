package io.humanseg.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.encode.ResultEncoder;
import io.humanseg.eval.EvalReport;
import io.humanseg.eval.Evaluator;
import io.humanseg.image.ImageDecoder;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmenter;
import io.humanseg.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The default pipeline keeps the quality recorded in QUALITY.md: each set's mIoU may not fall more than 0.01
 * below its baseline there.
 */
class QualityRegressionTest {
  private static final double ALLOWED_DROP = 0.01;

  @Test
  void defaultPipelineKeepsItsRecordedQuality() throws Exception {
    Path evaldata = SharedData.require("evaldata");
    Map<String, Double> baseline = baseline(Path.of("..", "QUALITY.md"));
    try (Segmenter segmenter = new Segmenter(new BuiltinModelProvider(), new InferenceConfig(1, 1))) {
      SegmentationPipeline pipeline = new SegmentationPipeline(new ImageDecoder(), segmenter, new ResultEncoder());
      Evaluator evaluator =
          new Evaluator(bytes -> pipeline.run(bytes, SegmentOptions.defaults(), false).segmentation().mask(), 2);
      for (Map.Entry<String, Double> set : baseline.entrySet()) {
        Path dir = evaldata.resolve(set.getKey());
        EvalReport report = evaluator.evaluate(dir.resolve("images"), dir.resolve("masks"), "selfie", "default", false);
        System.out.printf("%s: mIoU %.4f (baseline %.4f)%n", set.getKey(), report.mIoU(), set.getValue());
        assertTrue(report.mIoU() >= set.getValue() - ALLOWED_DROP,
            set.getKey() + " mIoU " + report.mIoU() + " fell below " + set.getValue() + " - " + ALLOWED_DROP);
      }
    }
  }

  private static Map<String, Double> baseline(Path qualityMd) throws Exception {
    Matcher line = Pattern.compile("<!-- regression-baseline: (.*) -->").matcher(Files.readString(qualityMd));
    assertTrue(line.find(), "QUALITY.md has no regression-baseline line");
    Map<String, Double> sets = new HashMap<>();
    for (String pair : line.group(1).trim().split("\\s+")) {
      String[] kv = pair.split("=");
      sets.put(kv[0], Double.parseDouble(kv[1]));
    }
    assertTrue(sets.size() >= 2, "baseline names both sets: " + sets);
    return sets;
  }
}
