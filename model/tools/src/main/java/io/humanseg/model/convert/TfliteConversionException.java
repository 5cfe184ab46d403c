package io.humanseg.model.convert;

/** A TFLite graph could not be converted to ONNX; the message says which part of the graph and why. */
public class TfliteConversionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TfliteConversionException(String message) {
    super(message);
  }

  public TfliteConversionException(String message, Throwable cause) {
    super(message, cause);
  }
}
