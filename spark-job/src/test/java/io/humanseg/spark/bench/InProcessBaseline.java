package io.humanseg.spark.bench;

import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.ResultEncoder;
import io.humanseg.image.ImageDecoder;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The Spark benchmark's baseline: the same files through the same pipeline in one JVM, with as many threads
 * as the Spark run has task slots, reading each file and writing each mask PNG to a folder as the job does.
 */
public final class InProcessBaseline {
  private InProcessBaseline() {}

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int threads = Integer.parseInt(args[2]);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(in)) {
      files = walk.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    try (Segmenter segmenter = new Segmenter(new BuiltinModelProvider(), new InferenceConfig(1, 1))) {
      SegmentationPipeline pipeline = new SegmentationPipeline(new ImageDecoder(), segmenter, new ResultEncoder());
      AtomicInteger next = new AtomicInteger();
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      for (int t = 0; t < threads; t++) {
        pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < files.size(); ) {
            Path f = files.get(i);
            byte[] png = pipeline.process(Files.readAllBytes(f), SegmentOptions.defaults(), EncodeOptions.alpha())
                .image().bytes();
            Path target = out.resolve(in.relativize(f).toString().replace(".jpg", ".png"));
            Files.createDirectories(target.getParent());
            Files.write(target, png);
          }
          return null;
        });
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("RESULT in-process threads=%d images=%d seconds=%.1f imagesPerSecond=%.1f%n",
          threads, files.size(), seconds, files.size() / seconds);
    }
  }
}
