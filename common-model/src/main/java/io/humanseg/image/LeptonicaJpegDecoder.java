package io.humanseg.image;

import static org.bytedeco.leptonica.global.leptonica.L_SEVERITY_NONE;
import static org.bytedeco.leptonica.global.leptonica.pixConvert8To32;
import static org.bytedeco.leptonica.global.leptonica.pixDestroy;
import static org.bytedeco.leptonica.global.leptonica.pixGetData;
import static org.bytedeco.leptonica.global.leptonica.pixGetDepth;
import static org.bytedeco.leptonica.global.leptonica.pixGetHeight;
import static org.bytedeco.leptonica.global.leptonica.pixGetWidth;
import static org.bytedeco.leptonica.global.leptonica.pixGetWpl;
import static org.bytedeco.leptonica.global.leptonica.pixReadMemJpeg;
import static org.bytedeco.leptonica.global.leptonica.setMsgSeverity;

import java.nio.IntBuffer;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.leptonica.PIX;
import org.bytedeco.leptonica.global.leptonica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes grey and YCbCr JPEG with Leptonica's reader (through JavaCPP), at full size or scaled in the DCT (1/2,
 * 1/4, 1/8). Why Leptonica: its natives link libjpeg-turbo with its SIMD code, while the libjpeg-turbo inside
 * OpenCV's openpnp build has none ({@code Core.getBuildInformation()}: "SIMD Support: NO"). The same algorithms
 * give the same pixels as OpenCV's (checked on every evaluation photo at every scale, {@code
 * LeptonicaJpegDecoderTest}); a 4096x3072 JPEG at half size took 31 ms instead of OpenCV's 46 (BENCHMARKS.md,
 * "After run D", which also has why full-size JPEG is not routed here).
 *
 * <p>Natives ship for linux-x86_64 and linux-arm64, the platforms the server and the Spark job run on; elsewhere
 * {@link #available()} is false and {@code ImageDecoder} keeps JPEG on its other backends. Damaged data is refused
 * (Leptonica's default: no image from a scan that libjpeg warned about), never filled with grey.
 */
final class LeptonicaJpegDecoder implements PixelDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(LeptonicaJpegDecoder.class);

  /** Whether Leptonica's natives load on this platform (loaded once, on first call). */
  static boolean available() {
    return Natives.AVAILABLE;
  }

  @Override
  public StoredPixels decode(byte[] data, ImageHeader header, int scale) {
    if (!available()) {
      throw ImageException.corrupt("Leptonica's natives are not available on this platform");
    }
    PIX pix = pixReadMemJpeg(data, data.length, 0, scale, new int[1], 0);
    if (pix != null && pixGetDepth(pix) == 8) { // a grey JPEG: one word per pixel like colour ones (rare, not hot)
      PIX grey = pix;
      pix = pixConvert8To32(grey);
      pixDestroy(grey);
    }
    if (pix == null) {
      throw ImageException.corrupt("Leptonica cannot decode this JPEG");
    }
    try {
      ImageInfo info = header.info();
      int width = pixGetWidth(pix);
      int height = pixGetHeight(pix);
      int depth = pixGetDepth(pix);
      if (width != DecodeScale.scaled(info.storedWidth(), scale)
          || height != DecodeScale.scaled(info.storedHeight(), scale) || depth != 32) {
        throw ImageException.corrupt("decoded JPEG is " + width + "x" + height + " at " + depth
            + " bits per pixel but its header says " + DecodeScale.scaled(info.storedWidth(), scale) + "x"
            + DecodeScale.scaled(info.storedHeight(), scale));
      }
      int wpl = pixGetWpl(pix);
      IntBuffer words = pixGetData(pix).capacity((long) wpl * height).asBuffer();
      return new StoredPixels(width, height, rgb(words, wpl, width, height), false);
    } finally {
      pixDestroy(pix);
    }
  }

  /** 32 bits per pixel: one word per pixel, red in the most significant byte, then green and blue. */
  private static byte[] rgb(IntBuffer words, int wpl, int width, int height) {
    byte[] out = new byte[3 * width * height];
    int[] row = new int[width];
    int o = 0;
    for (int y = 0; y < height; y++) {
      words.get(y * wpl, row, 0, width);
      for (int x = 0; x < width; x++) {
        int p = row[x];
        out[o] = (byte) (p >>> 24);
        out[o + 1] = (byte) (p >>> 16);
        out[o + 2] = (byte) (p >>> 8);
        o += 3;
      }
    }
    return out;
  }

  private static final class Natives {
    static final boolean AVAILABLE = load();

    private static boolean load() {
      // Where JavaCPP unpacks the natives: under java.io.tmpdir like OpenCV's and ONNX Runtime's (the one
      // writable place a container with a read-only root needs), not the home folder.
      if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
        System.setProperty("org.bytedeco.javacpp.cachedir",
            Path.of(System.getProperty("java.io.tmpdir"), "humanseg-javacpp").toString());
      }
      try {
        Loader.load(leptonica.class);
        // Errors come back as null and become an ImageException; Leptonica's own stderr lines would only repeat
        // them for every bad upload.
        setMsgSeverity(L_SEVERITY_NONE);
        return true;
      } catch (Throwable e) { // UnsatisfiedLinkError or NoClassDefFoundError where no natives ship
        LOG.info("JPEG decodes with OpenCV and ImageIO: Leptonica's natives are not available here ({})",
            String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        return false;
      }
    }
  }
}
