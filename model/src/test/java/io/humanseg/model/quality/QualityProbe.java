package io.humanseg.model.quality;

import io.humanseg.eval.EvalReport;
import io.humanseg.eval.Evaluator;
import io.humanseg.image.RgbImage;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.model.SharedData;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmenter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Development probe: scores pipeline variants on the dev sets (ImageIO decode). */
@EnabledIfSystemProperty(named = "humanseg.quality", matches = "true")
class QualityProbe {
  @Test
  void variants() {
    Path eval = SharedData.require("evaldata");
    try (Segmenter segmenter = new Segmenter(new BuiltinModelProvider(), InferenceConfig.defaults())) {
      SegmentOptions[] variants = {
        new SegmentOptions(null, false, true, Boolean.getBoolean("t.refine"), Boolean.getBoolean("t.flip")),

      };
      for (SegmentOptions o : variants) {
        for (String set : new String[] {"ccp", "vikram-humanseg-removebg-pseudogt"}) {
          Evaluator ev = new Evaluator(bytes -> {
            RgbImage img = decode(bytes);
            return segmenter.segment(img, img.width(), img.height(), o).mask();
          }, 2);
          EvalReport r = ev.evaluate(eval.resolve(set + "/images"), eval.resolve(set + "/masks"), "selfie", o.toString(), false);
          r.images().stream().sorted(java.util.Comparator.comparingDouble(io.humanseg.eval.ImageResult::iou)).limit(Integer.getInteger("t.worst", 0))
              .forEach(i -> System.out.printf("   worst %s %.3f%n", i.id(), i.iou()));
          System.out.printf("%-60s %-8s mIoU %.4f min %.4f mae %.4f bIoU %.4f ms %.1f%n", o, set.substring(0, 3), r.mIoU(), r.minIoU(), r.mae(), r.boundaryIoU(), r.millisPerImage());
        }
      }
    }
  }

  static RgbImage decode(byte[] bytes) {
    try {
      BufferedImage b = ImageIO.read(new ByteArrayInputStream(bytes));
      byte[] rgb = new byte[b.getWidth() * b.getHeight() * 3];
      for (int y = 0; y < b.getHeight(); y++) {
        for (int x = 0; x < b.getWidth(); x++) {
          int p = b.getRGB(x, y);
          int i = (y * b.getWidth() + x) * 3;
          rgb[i] = (byte) (p >> 16);
          rgb[i + 1] = (byte) (p >> 8);
          rgb[i + 2] = (byte) p;
        }
      }
      return new RgbImage(b.getWidth(), b.getHeight(), rgb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
