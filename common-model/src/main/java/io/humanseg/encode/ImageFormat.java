package io.humanseg.encode;

/** Encoded formats of a result. */
public enum ImageFormat {
  PNG("image/png"),
  JPEG("image/jpeg"),
  /** Encoded by OpenCV's bundled libwebp: half JPEG's bytes, but 7-10 times its time. */
  WEBP("image/webp");

  private final String mediaType;

  ImageFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }
}
