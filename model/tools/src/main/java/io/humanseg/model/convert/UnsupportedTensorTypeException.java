package io.humanseg.model.convert;

/** A tensor's element type (e.g. INT8 activations of a quantized model) has no translation in this converter. */
public final class UnsupportedTensorTypeException extends TfliteConversionException {
  private static final long serialVersionUID = 1L;

  public UnsupportedTensorTypeException(String message) {
    super(message);
  }
}
