package io.humanseg.image;

/** An image that cannot be decoded, with a stable {@link ImageErrorCode} and a message for people. */
public final class ImageException extends RuntimeException {
  private final ImageErrorCode code;

  public ImageException(ImageErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ImageException(ImageErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ImageErrorCode code() {
    return code;
  }

  static ImageException corrupt(String message) {
    return new ImageException(ImageErrorCode.CORRUPT_IMAGE, message);
  }

  static ImageException corrupt(String message, Throwable cause) {
    return new ImageException(ImageErrorCode.CORRUPT_IMAGE, message, cause);
  }

  static ImageException unsupported(String message) {
    return new ImageException(ImageErrorCode.UNSUPPORTED_FORMAT, message);
  }

  static ImageException tooLarge(String message) {
    return new ImageException(ImageErrorCode.IMAGE_TOO_LARGE, message);
  }
}
