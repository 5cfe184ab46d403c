package io.humanseg.bench;

import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.ResultEncoder;
import io.humanseg.image.ImageDecoder;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the whole pipeline's time goes, from the per-stage timings it reports itself (decode, preprocess,
 * inference, postprocess, encode): median over many requests after a warm-up, one thread, ORT intra-op
 * threads 1. A complement to the JMH figures, not a JMH benchmark. Arguments: sizes, default both.
 */
public final class StageTimes {
  private static final int WARMUP = 40;
  private static final int RUNS = 60;

  private StageTimes() {}

  public static void main(String[] args) {
    List<String> sizes = args.length > 0 ? List.of(args) : List.of("1920x1080", "4096x3072");
    try (var segmenter = BenchInputs.segmenter(1)) {
      SegmentationPipeline pipeline = new SegmentationPipeline(new ImageDecoder(), segmenter, new ResultEncoder());
      for (String size : sizes) {
        List<byte[]> jpegs = BenchInputs.jpegs(size);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
          long start = System.nanoTime();
          var processed = pipeline.process(jpegs.get(i % jpegs.size()), SegmentOptions.defaults(), EncodeOptions.alpha());
          double total = (System.nanoTime() - start) / 1e6;
          if (i >= WARMUP) {
            processed.metadata().timingsMs().forEach((k, v) -> times.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            times.computeIfAbsent("total", x -> new ArrayList<>()).add(total);
          }
        }
        StringBuilder line = new StringBuilder(size + " median ms over " + RUNS + " requests:");
        times.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s=%.2f", k, median(v))));
        System.out.println(line);
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
