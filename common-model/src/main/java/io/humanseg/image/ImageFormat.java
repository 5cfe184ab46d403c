package io.humanseg.image;

/** The encoded formats the decoder accepts. */
public enum ImageFormat {
  JPEG("image/jpeg"),
  PNG("image/png"),
  GIF("image/gif"),
  BMP("image/bmp"),
  WEBP("image/webp");

  private final String mimeType;

  ImageFormat(String mimeType) {
    this.mimeType = mimeType;
  }

  public String mimeType() {
    return mimeType;
  }
}
