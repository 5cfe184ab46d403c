package io.humanseg.model.convert;

/** The graph uses a TFLite operator (builtin or custom) that this converter does not translate. */
public final class UnsupportedOperatorException extends TfliteConversionException {
  private static final long serialVersionUID = 1L;

  private final String operator;
  private final int operatorIndex;

  public UnsupportedOperatorException(String operator, int operatorIndex, String message) {
    super(message);
    this.operator = operator;
    this.operatorIndex = operatorIndex;
  }

  /** The TFLite operator name: the builtin name (e.g. {@code SPLIT}) or the custom code. */
  public String operator() {
    return operator;
  }

  /** Position of the operator in the subgraph's execution order. */
  public int operatorIndex() {
    return operatorIndex;
  }
}
