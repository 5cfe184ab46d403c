package io.humanseg.encode;

/** Encoded formats of a result. */
public enum OutputFormat {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpg"),
  /** Encoded by OpenCV's bundled libwebp: half JPEG's bytes, but 7-10 times its time. */
  WEBP("image/webp", "webp");

  private final String mediaType;
  private final String extension;

  OutputFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The usual file name extension, without the dot. */
  public String extension() {
    return extension;
  }

  public String mediaType() {
    return mediaType;
  }
}
