package io.humanseg.model.convert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;
import org.tensorflow.lite.schema.BuiltinOperator;

/** Which TFLite operators this converter translates, and with what. */
final class OperatorRegistry {
  private final Map<Integer, OpConverter> builtins;
  private final Map<String, OpConverter> customs;

  private OperatorRegistry(Map<Integer, OpConverter> builtins, Map<String, OpConverter> customs) {
    this.builtins = Collections.unmodifiableMap(builtins);
    this.customs = Collections.unmodifiableMap(customs);
  }

  /** The operators of the MediaPipe selfie segmentation graphs. */
  static OperatorRegistry standard() {
    Map<Integer, OpConverter> b = new LinkedHashMap<>();
    b.put(BuiltinOperator.DEQUANTIZE, DequantizeOps::dequantize);
    b.put(BuiltinOperator.CONV_2D, ConvOps::conv2d);
    b.put(BuiltinOperator.DEPTHWISE_CONV_2D, ConvOps::depthwiseConv2d);
    b.put(BuiltinOperator.AVERAGE_POOL_2D, PoolOps::averagePool2d);
    b.put(BuiltinOperator.MEAN, PoolOps::mean);
    b.put(BuiltinOperator.ADD, ElementwiseOps::add);
    b.put(BuiltinOperator.MUL, ElementwiseOps::mul);
    b.put(BuiltinOperator.RELU, ElementwiseOps::relu);
    b.put(BuiltinOperator.LOGISTIC, ElementwiseOps::logistic);
    b.put(BuiltinOperator.HARD_SWISH, ElementwiseOps::hardSwish);
    b.put(BuiltinOperator.RESIZE_BILINEAR, ResizeOps::resizeBilinear);
    Map<String, OpConverter> c = new LinkedHashMap<>();
    c.put(TransposeConvBias.CUSTOM_CODE, TransposeConvBias::convert);
    return new OperatorRegistry(b, c);
  }

  /** The converter for {@code op}, or {@code null} if the operator is not supported. */
  OpConverter find(TfliteOperator op) {
    return op.isCustom() ? customs.get(op.customCode()) : builtins.get(op.builtinCode());
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    builtins.keySet().forEach(code -> names.add(TfliteOperator.builtinName(code)));
    names.addAll(customs.keySet());
    return names;
  }
}
