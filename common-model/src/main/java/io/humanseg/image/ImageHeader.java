package io.humanseg.image;

/**
 * The parsed header of one image: the public {@link ImageInfo} plus what routing to a backend needs.
 *
 * @param components colour components declared in the header (JPEG SOF: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK); 0 where
 *     the format does not declare them up front
 */
record ImageHeader(ImageInfo info, int components) {
  ImageHeader(ImageInfo info) {
    this(info, 0);
  }

  ImageFormat format() {
    return info.format();
  }
}
