package io.humanseg.image;

import java.util.Objects;
import java.util.function.Function;

/**
 * Decodes JPEG, PNG, GIF (first frame), BMP and WebP bytes into an {@link RgbImage} in the orientation and at the
 * size a browser displays. The format comes from the magic bytes only. The header is read and checked against
 * the {@link ImageLimits} before any pixel memory is allocated, and truncated files are refused, so every failure
 * is an {@link ImageException} with a stable code rather than an OutOfMemoryError, a hang or a grey-filled image.
 *
 * <p>Backends, chosen by measured decode times (JMH: {@code DecodeBackendBench} in the model module's benchmarks,
 * see BENCHMARKS.md):
 *
 * <ul>
 *   <li>JPEG (grey or YCbCr) at reduced size: Leptonica ({@link LeptonicaJpegDecoder}: libjpeg-turbo with its
 *       SIMD code, scaling in the DCT by 1/2, 1/4, 1/8); where its natives do not ship, OpenCV;
 *   <li>JPEG at full size: the JDK's ImageIO reader (Leptonica's full-size reads were slower at 12 MP in JMH);
 *   <li>CMYK/YCCK JPEG at any size: TwelveMonkeys (through ImageIO);
 *   <li>PNG, WebP, BMP: OpenCV;
 *   <li>GIF: ImageIO.
 * </ul>
 *
 * <p>When the primary backend fails, another one tries before the file is reported corrupt (not for GIF or CMYK
 * JPEG, which OpenCV cannot read properly): OpenCV after Leptonica or ImageIO, ImageIO after OpenCV. An ImageIO
 * fallback decodes at full size, as ImageIO cannot scale in the DCT.
 *
 * <p>Embedded colour profiles are not applied (CMYK excepted): pixels are the decoded values, as OpenCV and PIL
 * give them, identical whichever backend and scale was used.
 *
 * <p>Alpha is dropped (not composited): transparent pixels keep whatever colour is stored under them. Callers that
 * need the cut-out preserved must read the alpha themselves; the segmentation model only sees RGB.
 *
 * <p>Thread-safe and cheap to share: one instance serves any number of concurrent calls.
 */
public final class ImageDecoder {
  private final ImageLimits limits;
  /** Null where Leptonica's natives do not load. */
  private final PixelDecoder leptonica;
  private final PixelDecoder openCv;
  private final PixelDecoder imageIo;

  public ImageDecoder() {
    this(ImageLimits.DEFAULT);
  }

  public ImageDecoder(ImageLimits limits) {
    this(limits, LeptonicaJpegDecoder.available() ? new LeptonicaJpegDecoder() : null, new OpenCvDecoder(),
        new ImageIoDecoder());
  }

  /** With stand-in backends, for testing the routing; {@code leptonica} null as where its natives do not load. */
  ImageDecoder(ImageLimits limits, PixelDecoder leptonica, PixelDecoder openCv, PixelDecoder imageIo) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.leptonica = leptonica;
    this.openCv = openCv;
    this.imageIo = imageIo;
  }

  public ImageLimits limits() {
    return limits;
  }

  /**
   * Reads format, size and orientation from the headers alone. Neither limits nor completeness are checked; a
   * header that cannot be parsed still fails with {@link ImageErrorCode#CORRUPT_IMAGE}.
   */
  public ImageInfo probe(byte[] data) {
    return HeaderReader.read(data).info();
  }

  /** Decodes at full resolution. */
  public RgbImage decode(byte[] data) {
    return decode(data, 0, 0);
  }

  /**
   * Decodes at the smallest size that still covers {@code minWidth x minHeight} once oriented: JPEG is decoded at
   * 1/2, 1/4 or 1/8 scale when that is enough, other formats at full size. Pass the model input size, or 0, 0 for
   * full resolution. The result is never smaller than the minimum unless the image itself is.
   */
  public RgbImage decode(byte[] data, int minWidth, int minHeight) {
    DecodeSize size = new DecodeSize(minWidth, minHeight);
    if (data != null) {
      limits.checkEncodedSize(data.length);
    }
    return decode(data, HeaderReader.read(data), size);
  }

  /**
   * Reads the header once, asks {@code size} how large the photo must be decoded given what the header says (its
   * format, displayed size and orientation), and decodes at that size as {@link #decode(byte[], int, int)} does.
   * For callers whose size rule depends on the photo, such as a segmenter that looks at its aspect ratio.
   */
  public Decoded decode(byte[] data, Function<ImageInfo, DecodeSize> size) {
    ImageHeader header = HeaderReader.read(data);
    DecodeSize wanted = size.apply(header.info());
    limits.checkEncodedSize(data.length);
    return new Decoded(header.info(), decode(data, header, wanted));
  }

  /** A decoded photo and what its header said (its displayed size is the size the answer must have). */
  public record Decoded(ImageInfo info, RgbImage image) {}

  private RgbImage decode(byte[] data, ImageHeader header, DecodeSize size) {
    limits.checkDimensions(header.info());
    HeaderReader.validate(data);
    int scale = DecodeScale.choose(header, size.minWidth(), size.minHeight());
    StoredPixels pixels = decodePixels(data, header, scale);
    return OrientationTransform.toDisplayed(pixels, header.info().orientation());
  }

  /**
   * Decodes with the format's primary backend; if that fails, with the other one where it could do better (OpenCV
   * decodes arithmetic-coded JPEG and tolerates malformed ICC profiles; TwelveMonkeys reads animated WebP and rarer
   * BMP variants) before the file is called corrupt. Only damaged or exotic files pay for the second attempt.
   */
  private StoredPixels decodePixels(byte[] data, ImageHeader header, int scale) {
    PixelDecoder primary = primaryFor(header, scale);
    try {
      return primary.decode(data, header, primary == imageIo ? 1 : scale);
    } catch (ImageException first) {
      // After Leptonica, OpenCV: its libjpeg-turbo reads the same JPEG variants, at the same scale.
      PixelDecoder alternate = primary == openCv ? imageIo : openCv;
      // OpenCV cannot read GIF, and reads CMYK JPEG with wrong colours rather than not at all.
      boolean noAlternate = header.format() == ImageFormat.GIF || header.components() == 4;
      if (first.code() != ImageErrorCode.CORRUPT_IMAGE || noAlternate) {
        throw first;
      }
      try {
        return alternate.decode(data, header, alternate == imageIo ? 1 : scale);
      } catch (ImageException second) {
        ImageException both = ImageException.corrupt(first.getMessage() + "; " + second.getMessage(), first);
        both.addSuppressed(second);
        throw both;
      }
    }
  }

  private PixelDecoder primaryFor(ImageHeader header, int scale) {
    return switch (header.format()) {
      case JPEG -> header.components() == 4 || scale == 1 ? imageIo
          : leptonica != null ? leptonica : openCv;
      case PNG, WEBP, BMP -> openCv;
      case GIF -> imageIo;
    };
  }
}
