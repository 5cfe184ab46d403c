package io.humanseg.spark.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes N 1920x1080 JPEGs for the Spark benchmark, cycling through the evaluation photos (stretched), into
 * nested folders of 100. Made at benchmark time so that no image is committed.
 */
public final class BenchImages {
  private BenchImages() {}

  public static void main(String[] args) throws Exception {
    Path evaldata = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    List<Path> photos;
    try (Stream<Path> files = Stream.of("ccp", "vikram-humanseg-removebg-pseudogt")
        .flatMap(set -> list(evaldata.resolve(set).resolve("images")))) {
      photos = files.sorted().toList();
    }
    for (int i = 0; i < count; i++) {
      BufferedImage src = ImageIO.read(photos.get(i % photos.size()).toFile());
      BufferedImage big = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = big.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, 1920, 1080, null);
      g.dispose();
      Path file = out.resolve(String.format("part%02d/img%05d.jpg", i / 100, i));
      Files.createDirectories(file.getParent());
      ImageIO.write(big, "jpg", file.toFile());
    }
    System.out.println("wrote " + count + " JPEGs under " + out);
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.list(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
