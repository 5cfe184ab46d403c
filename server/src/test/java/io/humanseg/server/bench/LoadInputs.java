package io.humanseg.server.bench;

import io.humanseg.testing.SharedData;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Writes the load test's request bodies: an evaluation photo stretched to 1920x1080 as JPEG, raw and as the
 * seed's base64 JSON. Made at benchmark time so that no large image is committed.
 */
public final class LoadInputs {
  private LoadInputs() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    Files.createDirectories(out);
    Path photo = SharedData.require("evaldata").resolve("ccp/images/ccp_0001.jpg");
    BufferedImage src = ImageIO.read(photo.toFile());
    BufferedImage big = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = big.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, 1920, 1080, null);
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(big, "jpg", jpeg);
    Files.write(out.resolve("photo-1080p.jpg"), jpeg.toByteArray());
    Files.writeString(out.resolve("body-1080p.json"),
        "{\"img\": \"" + Base64.getEncoder().encodeToString(jpeg.toByteArray()) + "\"}");
    System.out.println("wrote " + out.resolve("photo-1080p.jpg") + " (" + jpeg.size() + " bytes) and body-1080p.json");
  }
}
