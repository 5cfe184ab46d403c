package io.humanseg.server.bench;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load test's baseline: the same pipeline the server runs (one ORT thread per inference, one image per
 * thread), called in-process on the same 1080p JPEG for a fixed time; prints images per second.
 */
public final class InProcessThroughput {
  private InProcessThroughput() {}

  public static void main(String[] args) throws Exception {
    byte[] jpeg = Files.readAllBytes(Path.of(args[0]));
    int threads = Integer.parseInt(args[1]);
    long seconds = Long.parseLong(args[2]);
    try (Segmenter segmenter = new Segmenter(new BuiltinModelProvider(), new InferenceConfig(1, 1))) {
      SegmentationPipeline pipeline = new SegmentationPipeline(new ImageDecoder(), segmenter, new ResultEncoder());
      for (int i = 0; i < 20; i++) {
        pipeline.process(jpeg, SegmentOptions.defaults(), EncodeOptions.alpha());
      }
      AtomicLong done = new AtomicLong();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        pool.submit(() -> {
          while (System.nanoTime() < end) {
            pipeline.process(jpeg, SegmentOptions.defaults(), EncodeOptions.alpha());
            done.incrementAndGet();
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf("RESULT in-process threads=%d images=%d seconds=%.1f rps=%.1f%n",
          threads, done.get(), elapsed, done.get() / elapsed);
    }
  }
}
