package io.humanseg.encode;

import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;

/**
 * The encode stage: crop if asked, build the requested image, encode it. Thread-safe and stateless apart from
 * the PNG encoder's pool of deflaters, so one instance serves every request.
 */
public final class ResultEncoder {
  private final PngEncoder png;

  public ResultEncoder() {
    this(PngEncoder.DEFAULT);
  }

  public ResultEncoder(PngEncoder png) {
    this.png = png;
  }

  /**
   * @param photo the photo at the displayed size; may be null for {@link OutputKind#ALPHA}
   * @param mask the mask at the photo's size
   */
  public EncodedResult encode(RgbImage photo, AlphaMask mask, EncodeOptions options) {
    if (photo == null && options.kind() != OutputKind.ALPHA) {
      throw new IllegalArgumentException(options.kind() + " needs the photo");
    }
    if (photo != null) {
      Sizes.requireSame(photo, mask);
    }
    ForegroundStats stats = ForegroundStats.of(mask, options.threshold());
    BoundingBox region = options.crop() != null ? options.crop().region(stats)
        : new BoundingBox(0, 0, mask.width(), mask.height());
    AlphaMask m = SubjectCrop.crop(mask, region);
    RgbImage p = photo == null ? null : SubjectCrop.crop(photo, region);

    byte[] bytes = switch (options.kind()) {
      case ALPHA -> png.grey(m);
      case RGBA -> options.format() == OutputFormat.WEBP
          ? WebpEncoder.encode(p, m, quality(options, WebpEncoder.DEFAULT_QUALITY))
          : png.rgba(p, m);
      case COMPOSITE -> encodeOpaque(Compositor.composite(p, m, options.background()), options);
    };
    return new EncodedResult(bytes, options.format(), m.width(), m.height(), stats, region);
  }

  private byte[] encodeOpaque(RgbImage image, EncodeOptions options) {
    return switch (options.format()) {
      case PNG -> png.rgb(image);
      case JPEG -> JpegEncoder.encode(image, quality(options, JpegEncoder.DEFAULT_QUALITY));
      case WEBP -> WebpEncoder.encode(image, quality(options, WebpEncoder.DEFAULT_QUALITY));
    };
  }

  private static int quality(EncodeOptions options, int fallback) {
    return options.quality() == 0 ? fallback : options.quality();
  }
}
