package io.humanseg.spark.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar humanseg-spark-local.jar} as a user runs it on one machine: it logs what it does (the job's
 * lines, not Spark's INFO chatter), and a resume says nothing alarming.
 */
class LocalJarIT {
  @TempDir Path tmp;

  private String run(String... args) throws Exception {
    Path jar = Path.of(System.getProperty("humanseg.spark.local.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " missing: run with `./mvnw verify`, after package");
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Dspark.master=local[1]",
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void logsItsProgressAndResumesQuietly() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    BufferedImage picture = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = picture.createGraphics();
    g.setColor(new Color(90, 140, 200));
    g.fillRect(0, 0, 320, 240);
    g.setColor(new Color(200, 150, 120));
    g.fillOval(120, 40, 80, 180);
    g.dispose();
    ImageIO.write(picture, "jpeg", in.resolve("a.jpg").toFile());
    ImageIO.write(picture, "png", in.resolve("b.PNG").toFile());
    Path out = tmp.resolve("out");

    String first = run("--input", in.toString(), "--output", out.toString(), "--progress-seconds", "1");
    assertTrue(first.contains("INFO SegmentJob: 2 inputs, 0 skipped as done, 2 to segment"), first);
    assertTrue(first.contains("INFO SegmentJob: done:"), first);
    assertFalse(first.contains("INFO SparkContext"), "Spark's INFO lines are not shown:\n" + first);

    String again = run("--input", in.toString(), "--output", out.toString(), "--resume");
    assertTrue(again.contains("INFO SegmentJob: 2 inputs, 2 skipped as done, 0 to segment"), again);
    assertFalse(again.contains("All paths were ignored"), again);
  }
}
