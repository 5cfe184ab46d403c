package io.humanseg.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.card.ModelCard;
import io.humanseg.inference.OnnxModel;
import io.humanseg.testing.SharedData;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The converted default model segments real photos well: a check that fails if the layout, the colour order
 * or the normalisation of the conversion or of its card were wrong. The pre- and postprocessing here is
 * deliberately plain (area downscale, bilinear upscale); the real pipeline is common-model's.
 */
class BuiltinModelQualityTest {
  private static final int PHOTOS_PER_SET = 6;

  @Test
  void defaultModelSegmentsEvaluationPhotos() throws IOException {
    Path evaldata = SharedData.require("evaldata");
    String name = BuiltinModels.defaultName();
    ModelCard card = BuiltinModels.card(name);
    assertEquals("NCHW", card.input().layout());

    double sum = 0;
    int count = 0;
    try (OnnxModel model = OnnxModel.load(card, BuiltinModels.onnx(name), 2)) {
      for (String set : List.of("ccp", "vikram-humanseg-removebg-pseudogt")) {
        for (Path image : firstImages(evaldata.resolve(set).resolve("images"))) {
          Path mask = evaldata.resolve(set).resolve("masks").resolve(baseName(image) + ".png");
          double iou = iou(segment(model, ImageIO.read(image.toFile())), ImageIO.read(mask.toFile()));
          System.out.printf("%s %s IoU %.3f%n", set, image.getFileName(), iou);
          sum += iou;
          count++;
        }
      }
    }
    double meanIou = sum / count;
    System.out.printf("built-in %s: mean IoU %.3f over %d dev-set photos%n", name, meanIou, count);
    assertEquals(2 * PHOTOS_PER_SET, count);
    assertTrue(meanIou >= 0.85, "mean IoU " + meanIou + " < 0.85");
  }

  /** Person probability at the photo's size. */
  static float[][] segment(OnnxModel model, BufferedImage photo) {
    int w = model.card().input().width();
    int h = model.card().input().height();
    BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.drawImage(photo.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
    g.dispose();

    ModelCard.Input in = model.card().input();
    float[] tensor = new float[3 * w * h];
    int[] channelOf = "RGB".equals(in.colorOrder()) ? new int[] {16, 8, 0} : new int[] {0, 8, 16};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = small.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          double v = (rgb >> channelOf[c]) & 0xff;
          tensor[c * w * h + y * w + x] = (float) ((v * in.scale() - in.mean().get(c)) / in.std().get(c));
        }
      }
    }
    float[] prob = model.run(tensor);
    return upsampleBilinear(prob, w, h, photo.getWidth(), photo.getHeight());
  }

  private static float[][] upsampleBilinear(float[] src, int sw, int sh, int dw, int dh) {
    float[][] out = new float[dh][dw];
    for (int y = 0; y < dh; y++) {
      double fy = Math.max(0, (y + 0.5) * sh / dh - 0.5);
      int y0 = Math.min((int) fy, sh - 1);
      int y1 = Math.min(y0 + 1, sh - 1);
      double wy = fy - y0;
      for (int x = 0; x < dw; x++) {
        double fx = Math.max(0, (x + 0.5) * sw / dw - 0.5);
        int x0 = Math.min((int) fx, sw - 1);
        int x1 = Math.min(x0 + 1, sw - 1);
        double wx = fx - x0;
        double top = src[y0 * sw + x0] * (1 - wx) + src[y0 * sw + x1] * wx;
        double bottom = src[y1 * sw + x0] * (1 - wx) + src[y1 * sw + x1] * wx;
        out[y][x] = (float) (top * (1 - wy) + bottom * wy);
      }
    }
    return out;
  }

  /** IoU of prediction >= 0.5 against mask >= 128, as the evaluation data's README defines it. */
  static double iou(float[][] prob, BufferedImage mask) {
    assertEquals(mask.getHeight(), prob.length);
    assertEquals(mask.getWidth(), prob[0].length);
    long inter = 0;
    long union = 0;
    for (int y = 0; y < prob.length; y++) {
      for (int x = 0; x < prob[0].length; x++) {
        boolean p = prob[y][x] >= 0.5f;
        boolean g = mask.getRaster().getSample(x, y, 0) >= 128;
        inter += p && g ? 1 : 0;
        union += p || g ? 1 : 0;
      }
    }
    return union == 0 ? 1.0 : (double) inter / union;
  }

  private static List<Path> firstImages(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().limit(PHOTOS_PER_SET).toList();
    }
  }

  private static String baseName(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }
}
