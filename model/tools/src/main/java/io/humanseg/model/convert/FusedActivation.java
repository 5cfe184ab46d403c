package io.humanseg.model.convert;

import java.util.List;
import org.tensorflow.lite.schema.ActivationFunctionType;

/** TFLite's fused activation functions, which ONNX expresses as a separate node after the op. */
final class FusedActivation {
  private FusedActivation() {
  }

  /** Rejects an unknown activation before any node of the op is emitted. */
  static void check(TfliteOperator op, byte activation) {
    switch (activation) {
      case ActivationFunctionType.NONE, ActivationFunctionType.RELU, ActivationFunctionType.RELU6,
          ActivationFunctionType.RELU_N1_TO_1, ActivationFunctionType.TANH -> {
      }
      default -> throw new UnsupportedOperatorException(op.name(), op.index(), op.describe()
          + " has fused activation " + name(activation) + ", which is not supported");
    }
  }

  static void emit(ConversionContext ctx, String label, byte activation, String input, String output) {
    OnnxGraphBuilder onnx = ctx.onnx();
    switch (activation) {
      case ActivationFunctionType.RELU -> onnx.node("Relu", label, List.of(input), output);
      // Since opset 11 Clip takes its bounds as (scalar) inputs rather than attributes.
      case ActivationFunctionType.RELU6 ->
          onnx.node("Clip", label, List.of(input, ctx.scalar(0f), ctx.scalar(6f)), output);
      case ActivationFunctionType.RELU_N1_TO_1 ->
          onnx.node("Clip", label, List.of(input, ctx.scalar(-1f), ctx.scalar(1f)), output);
      case ActivationFunctionType.TANH -> onnx.node("Tanh", label, List.of(input), output);
      default -> throw new IllegalStateException("activation " + name(activation) + " passed check()");
    }
  }

  private static String name(byte activation) {
    return activation >= 0 && activation < ActivationFunctionType.names.length
        ? ActivationFunctionType.name(activation) : "#" + activation;
  }
}
