package io.humanseg.model.convert;

/** Translates one TFLite operator into ONNX nodes (or folds it into constants). */
@FunctionalInterface
interface OpConverter {
  void convert(TfliteOperator op, ConversionContext ctx);
}
