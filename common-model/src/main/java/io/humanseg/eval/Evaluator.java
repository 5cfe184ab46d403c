package io.humanseg.eval;

import io.humanseg.files.ImageFiles;
import io.humanseg.image.AlphaMask;
import io.humanseg.segment.Segmentation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs a segmentation function over a folder of photos and scores it against a folder of ground-truth masks
 * with the same base names ({@code images/x.jpg} against {@code masks/x.png}).
 */
public final class Evaluator {

  private final Function<byte[], Segmentation> segment;
  private final int threads;

  /**
   * @param segment encoded photo to its segmentation, with the alpha at the photo's displayed size
   * @param threads photos segmented at once
   */
  public Evaluator(Function<byte[], Segmentation> segment, int threads) {
    this.segment = segment;
    this.threads = threads;
  }

  public EvalReport evaluate(Path images, Path masks, String model, String pipeline, boolean progress) {
    List<Path> photos = photos(images);
    List<ImageResult> results = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (ProgressBar bar = progressBar(progress, photos.size(), model)) {
      List<Future<?>> jobs = new ArrayList<>();
      for (Path photo : photos) {
        jobs.add(pool.submit(() -> {
          results.add(score(photo, masks));
          bar.step();
        }));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("evaluation failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double millis = (System.nanoTime() - start) / 1e6 * threads / photos.size();
    return EvalReport.of(model, pipeline, results, millis);
  }

  private ImageResult score(Path photo, Path masks) {
    String id = baseName(photo);
    Path maskFile = masks.resolve(id + ".png");
    try {
      AlphaMask truth = readMask(maskFile);
      byte[] bytes = Files.readAllBytes(photo);
      long start = System.nanoTime();
      Segmentation predicted = segment.apply(bytes);
      double millis = (System.nanoTime() - start) / 1e6;
      MaskMetrics m = MaskMetrics.of(predicted.mask(), truth);
      return new ImageResult(id, m.iou(), m.mae(), m.boundaryIou(), predicted.confidence(), predicted.model(), millis);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + photo + " or " + maskFile, e);
    }
  }

  /** A ground-truth mask as 8-bit grey (any PNG colour type is reduced to its first channel). */
  public static AlphaMask readMask(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException("not an image: " + file);
    }
    byte[] values = new byte[image.getWidth() * image.getHeight()];
    int[] row = new int[image.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRaster().getSamples(0, y, image.getWidth(), 1, 0, row);
      for (int x = 0; x < row.length; x++) {
        values[y * row.length + x] = (byte) row[x];
      }
    }
    return new AlphaMask(image.getWidth(), image.getHeight(), values);
  }

  private static List<Path> photos(Path images) {
    try (Stream<Path> files = Files.list(images)) {
      List<Path> list =
          files.filter(ImageFiles::isImage)
              .sorted()
              .toList();
      if (list.isEmpty()) {
        throw new IllegalArgumentException("no images in " + images);
      }
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + images, e);
    }
  }

  private static ProgressBar progressBar(boolean visible, int total, String model) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder().setTaskName("eval " + model).setInitialMax(total).setStyle(ProgressBarStyle.ASCII);
    if (!visible) {
      builder.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(s -> {}));
    }
    return builder.build();
  }

  private static String baseName(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }
}
