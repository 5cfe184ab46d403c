package io.humanseg.model.convert;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Thin layer over the ONNX protobuf builders: unique value names, nodes, initializers, graph inputs and outputs. */
final class OnnxGraphBuilder {
  /** HardSwish needs opset 14; 17 is the newest where ReduceMean still takes its axes as an attribute. */
  static final int OPSET = 17;
  /** The IR version that ONNX 1.13+ pairs with opset 17 and that every current ONNX Runtime accepts. */
  static final int IR_VERSION = 8;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();
  private int nodeCount;

  OnnxGraphBuilder(String graphName) {
    graph.setName(graphName);
  }

  /** Claims {@code name} exactly; used for graph inputs and outputs, whose TFLite names must survive. */
  String claim(String name) {
    if (!names.add(name)) {
      throw new TfliteConversionException("ONNX value name '" + name + "' is used twice");
    }
    return name;
  }

  /** {@code base} if still free, else {@code base_1}, {@code base_2}, ... (TFLite does not require unique names). */
  String unique(String base) {
    if (names.add(base)) {
      return base;
    }
    for (int i = 1; ; i++) {
      String candidate = base + "_" + i;
      if (names.add(candidate)) {
        return candidate;
      }
    }
  }

  void node(String opType, String label, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
    NodeProto.Builder n = NodeProto.newBuilder()
        .setOpType(opType)
        .setName(label + "/" + opType + "_" + nodeCount++);
    inputs.forEach(n::addInput);
    outputs.forEach(n::addOutput);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
  }

  /** Single-output convenience; returns {@code output}. */
  String node(String opType, String label, List<String> inputs, String output, AttributeProto... attributes) {
    node(opType, label, inputs, List.of(output), attributes);
    return output;
  }

  String floatInitializer(String baseName, int[] shape, float[] data) {
    String name = unique(baseName);
    ByteBuffer raw = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(data);
    TensorProto.Builder t = TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.FLOAT_VALUE)
        .setRawData(ByteString.copyFrom(raw.array()));
    for (int d : shape) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  String int64Initializer(String baseName, long[] data) {
    String name = unique(baseName);
    ByteBuffer raw = ByteBuffer.allocate(data.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(data);
    graph.addInitializer(TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.INT64_VALUE)
        .addDims(data.length)
        .setRawData(ByteString.copyFrom(raw.array())));
    return name;
  }

  void floatInput(String name, long[] shape) {
    graph.addInput(valueInfo(name, shape));
  }

  void floatOutput(String name, long[] shape) {
    graph.addOutput(valueInfo(name, shape));
  }

  ModelProto build(String producerName, String producerVersion, String docString) {
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName(producerName)
        .setProducerVersion(producerVersion)
        .setDocString(docString)
        .setGraph(graph)
        .build();
  }

  private static ValueInfoProto valueInfo(String name, long[] shape) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : shape) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT_VALUE)
            .setShape(s)))
        .build();
  }

  static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
  }

  static AttributeProto intsAttr(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  static AttributeProto intsAttr(String name, int... values) {
    return intsAttr(name, Layouts.toLongs(values));
  }

  static AttributeProto stringAttr(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
        .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
  }
}
