package io.humanseg.server.bench;

import io.humanseg.testing.SharedData;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes the load tests' request bodies: an evaluation photo stretched to 1920x1080 and 4096x3072 as JPEG
 * quality 90, raw and as the seed's base64 JSON. Made at benchmark time so that no large image is committed.
 */
public final class LoadInputs {
  private LoadInputs() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    Files.createDirectories(out);
    Path photo = SharedData.require("evaldata").resolve("ccp/images/ccp_0001.jpg");
    BufferedImage src = ImageIO.read(photo.toFile());
    write(src, 1920, 1080, out, "1080p");
    write(src, 4096, 3072, out, "4k");
  }

  /** The photo stretched to width x height as JPEG quality 90: photo-NAME.jpg and body-NAME.json. */
  private static void write(BufferedImage src, int width, int height, Path out, String name) throws Exception {
    BufferedImage big = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = big.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, width, height, null);
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(jpeg)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(big, null, null), param);
    } finally {
      writer.dispose();
    }
    Files.write(out.resolve("photo-" + name + ".jpg"), jpeg.toByteArray());
    Files.writeString(out.resolve("body-" + name + ".json"),
        "{\"img\": \"" + Base64.getEncoder().encodeToString(jpeg.toByteArray()) + "\"}");
    System.out.println("wrote " + out.resolve("photo-" + name + ".jpg") + " (" + jpeg.size() + " bytes) and body-"
        + name + ".json");
  }
}
