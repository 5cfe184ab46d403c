package io.humanseg.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Decodes with ImageIO: the JDK's JPEG reader for grey and colour JPEG at full size (faster here than this OpenCV
 * build's libjpeg-turbo, which lacks SIMD), TwelveMonkeys for CMYK and YCCK JPEG (converted with the embedded or
 * a generic CMYK profile; OpenCV gets them wrong), the JDK's GIF reader (OpenCV 4.9 has none), and the first
 * registered reader for the other formats when OpenCV cannot decode a file.
 *
 * <p>Colour JPEGs are read as the decoded RGB values, never converted through an embedded ICC profile, as OpenCV
 * (and PIL, which models are trained with) read them: the pixels then do not depend on which backend or scale
 * was used, and the JDK does not run a ColorConvertOp over the whole picture, which doubled decode time in our
 * measurements even for an embedded sRGB profile. The profile segments are therefore cut from the copy the
 * reader sees.
 *
 * <p>Readers are not thread-safe, so each call creates its own from a provider looked up once; the providers
 * are. Input is read straight from the array: {@code ImageIO.createImageInputStream} would cache it to a
 * temporary file.
 */
final class ImageIoDecoder implements PixelDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageIoDecoder.class);
  private static final String GIF_METADATA = "javax_imageio_gif_image_1.0";
  private static final String JDK_JPEG_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";

  /** First-registered provider per format; TwelveMonkeys ranks its JPEG, BMP and WebP readers ahead of the JDK's. */
  private static final Map<ImageFormat, ImageReaderSpi> PROVIDERS = lookUpProviders();
  /** The JDK's own JPEG reader, which TwelveMonkeys' delegates to; null if a JDK lacks it. */
  private static final ImageReaderSpi JDK_JPEG = lookUpJdkJpeg();

  @Override
  public StoredPixels decode(byte[] data, ImageHeader header, int scale) {
    ImageFormat format = header.format();
    boolean rawJpeg = format == ImageFormat.JPEG && header.components() != 4 && JDK_JPEG != null;
    ImageReaderSpi provider = rawJpeg ? JDK_JPEG : PROVIDERS.get(format);
    if (provider == null) {
      throw ImageException.unsupported("no ImageIO reader for " + format + " is installed");
    }
    ImageReader reader = null;
    try (ImageInputStream in = new ByteArrayImageInputStream(rawJpeg ? JpegHeaderReader.withoutIccProfile(data)
        : data)) {
      reader = provider.createReaderInstance();
      boolean gif = format == ImageFormat.GIF;
      // GIF needs its image metadata for the frame offset; other formats' metadata would only cost time.
      reader.setInput(in, true, !gif);
      reader.addIIOReadWarningListener((source, warning) -> LOG.debug("{} decode warning: {}", format, warning));
      StoredPixels pixels = BufferedImagePixels.of(reader.read(0));
      if (gif) {
        return GifCanvas.place(pixels, header.info(), frameOffset(reader.getImageMetadata(0)));
      }
      ImageInfo info = header.info();
      if (pixels.width() != info.storedWidth() || pixels.height() != info.storedHeight()) {
        throw ImageException.corrupt("decoded " + format + " is " + pixels.width() + "x" + pixels.height()
            + " but its header says " + info.storedWidth() + "x" + info.storedHeight());
      }
      return pixels;
    } catch (ImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw ImageException.corrupt("cannot decode " + format + ": " + e.getMessage(), e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  /** The first frame's left and top position on the GIF's logical screen. */
  private static int[] frameOffset(IIOMetadata metadata) {
    Node root = metadata.getAsTree(GIF_METADATA);
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if ("ImageDescriptor".equals(n.getNodeName())) {
        Element descriptor = (Element) n;
        return new int[] {
          Integer.parseInt(descriptor.getAttribute("imageLeftPosition")),
          Integer.parseInt(descriptor.getAttribute("imageTopPosition"))
        };
      }
    }
    return new int[] {0, 0};
  }

  private static Map<ImageFormat, ImageReaderSpi> lookUpProviders() {
    Map<ImageFormat, ImageReaderSpi> providers = new EnumMap<>(ImageFormat.class);
    for (ImageFormat format : ImageFormat.values()) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mimeType());
      if (readers.hasNext()) {
        ImageReader reader = readers.next();
        providers.put(format, reader.getOriginatingProvider());
        reader.dispose();
      }
    }
    return providers;
  }

  private static ImageReaderSpi lookUpJdkJpeg() {
    for (Iterator<ImageReaderSpi> it = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
        true); it.hasNext(); ) {
      ImageReaderSpi spi = it.next();
      if (JDK_JPEG_READER.equals(spi.getPluginClassName())) {
        return spi;
      }
    }
    return null;
  }
}
