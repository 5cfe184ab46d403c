package io.humanseg.server.bench;

import io.humanseg.encode.EncodeOptions;
import io.humanseg.files.ImageFiles;
import io.humanseg.inference.ExecutionProvider;
import io.humanseg.model.catalog.InstalledModels;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The device check of server/src/bench/gpu-check.sh: each model on the CPU and on CUDA over the evaluation
 * photos; ms per image one at a time, images per second with several callers at once, and the largest grey-level
 * difference between the CPU's and CUDA's masks of the same photo.
 *
 * <p>Arguments: evaldata folder, models folder (isnet is checked when installed there), concurrent callers.
 */
public final class GpuCheck {
  private GpuCheck() {}

  public static void main(String[] args) throws Exception {
    Path evaldata = Path.of(args[0]);
    Path modelsDir = Path.of(args[1]);
    int callers = Integer.parseInt(args[2]);
    List<byte[]> photos = new ArrayList<>();
    for (String set : List.of("ccp", "vikram-humanseg-removebg-pseudogt")) {
      try (Stream<Path> files = Files.list(evaldata.resolve(set).resolve("images"))) {
        for (Path f : files.filter(ImageFiles::isImage).sorted().toList()) {
          photos.add(Files.readAllBytes(f));
        }
      }
    }
    var models = InstalledModels.in(modelsDir);
    List<String> names = new ArrayList<>(List.of("selfie"));
    if (models.cards().stream().anyMatch(c -> c.name().equals("isnet"))) {
      names.add("isnet");
    }
    System.out.printf("photos: %d; callers: %d; batching: not implemented (both graphs take a batch of 1)%n",
        photos.size(), callers);
    System.out.println("| model | provider | ms/image, one at a time | images/s, " + callers
        + " callers | largest mask difference vs CPU (grey levels) |");
    System.out.println("|---|---|---|---|---|");
    for (String model : names) {
      List<byte[]> cpuMasks = null;
      for (ExecutionProvider provider : List.of(ExecutionProvider.CPU, ExecutionProvider.CUDA)) {
        SegmentationPipeline pipeline = SegmentationPipeline.on(models).intraOpThreads(provider == ExecutionProvider.CPU
            ? 0 : 1).maxLoadedModels(1).executionProvider(provider).build();
        SegmentOptions options = SegmentOptions.defaults().withModel(model);
        pipeline.process(photos.get(0), options, EncodeOptions.alpha()); // load and warm up
        List<byte[]> masks = new ArrayList<>();
        long start = System.nanoTime();
        for (byte[] photo : photos) {
          masks.add(pipeline.process(photo, options, EncodeOptions.alpha()).image().bytes());
        }
        double msPerImage = (System.nanoTime() - start) / 1e6 / photos.size();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (byte[] photo : photos) {
          done.add(pool.submit(() -> pipeline.process(photo, options, EncodeOptions.alpha())));
        }
        for (Future<?> f : done) {
          f.get();
        }
        double perSecond = photos.size() / ((System.nanoTime() - start) / 1e9);
        pool.shutdown();
        String difference = "baseline";
        if (cpuMasks == null) {
          cpuMasks = masks;
        } else {
          difference = String.valueOf(largestDifference(cpuMasks, masks));
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s |%n", model, provider.id(), msPerImage, perSecond,
            difference);
        pipeline.segmenter().close();
      }
    }
  }

  private static int largestDifference(List<byte[]> a, List<byte[]> b) throws Exception {
    int worst = 0;
    for (int i = 0; i < a.size(); i++) {
      BufferedImage x = ImageIO.read(new ByteArrayInputStream(a.get(i)));
      BufferedImage y = ImageIO.read(new ByteArrayInputStream(b.get(i)));
      int[] px = x.getRaster().getPixels(0, 0, x.getWidth(), x.getHeight(), (int[]) null);
      int[] py = y.getRaster().getPixels(0, 0, y.getWidth(), y.getHeight(), (int[]) null);
      for (int j = 0; j < px.length; j++) {
        worst = Math.max(worst, Math.abs(px[j] - py[j]));
      }
    }
    return worst;
  }
}
