package io.humanseg.model.convert;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/** Builds small TFLite flatbuffers with the schema classes, for tests of single operators and of errors. */
final class TinyTflite {
  private record TensorDef(String name, byte type, int[] shape, byte[] data) {}

  private record OpDef(String codeKey, int[] inputs, int[] outputs, byte optionsType,
      ToIntFunction<FlatBufferBuilder> options, byte[] customOptions) {}

  private final List<TensorDef> tensors = new ArrayList<>();
  private final Map<String, int[]> codes = new LinkedHashMap<>(); // key -> {builtin, index}
  private final Map<String, String> customNames = new LinkedHashMap<>();
  private final List<OpDef> ops = new ArrayList<>();
  private int[] inputs = {};
  private int[] outputs = {};

  int tensor(String name, byte type, int... shape) {
    tensors.add(new TensorDef(name, type, shape, null));
    return tensors.size() - 1;
  }

  int input(String name, int... shape) {
    int t = tensor(name, TensorType.FLOAT32, shape);
    inputs = append(inputs, t);
    return t;
  }

  int floatConstant(String name, int[] shape, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    tensors.add(new TensorDef(name, TensorType.FLOAT32, shape, b.array()));
    return tensors.size() - 1;
  }

  int intConstant(String name, int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    tensors.add(new TensorDef(name, TensorType.INT32, new int[] {values.length}, b.array()));
    return tensors.size() - 1;
  }

  /** Replaces the graph inputs, e.g. to declare a non-float input. */
  TinyTflite inputs(int... tensorIndices) {
    inputs = tensorIndices.clone();
    return this;
  }

  int constant(String name, byte type, int[] shape, byte[] data) {
    tensors.add(new TensorDef(name, type, shape, data.clone()));
    return tensors.size() - 1;
  }

  TinyTflite outputs(int... tensorIndices) {
    outputs = tensorIndices.clone();
    return this;
  }

  TinyTflite op(int builtin, int[] in, int[] out) {
    return op(builtin, in, out, (byte) 0, null);
  }

  TinyTflite op(int builtin, int[] in, int[] out, byte optionsType, ToIntFunction<FlatBufferBuilder> options) {
    String key = "builtin:" + builtin;
    codes.computeIfAbsent(key, k -> new int[] {builtin, codes.size()});
    ops.add(new OpDef(key, in, out, optionsType, options, null));
    return this;
  }

  TinyTflite customOp(String code, int[] in, int[] out, byte[] customOptions) {
    String key = "custom:" + code;
    codes.computeIfAbsent(key, k -> new int[] {BuiltinOperator.CUSTOM, codes.size()});
    customNames.put(key, code);
    ops.add(new OpDef(key, in, out, (byte) 0, null, customOptions));
    return this;
  }

  byte[] build() {
    FlatBufferBuilder b = new FlatBufferBuilder(1024);
    List<Integer> buffers = new ArrayList<>();
    buffers.add(Buffer.createBuffer(b, 0)); // buffer 0: the conventional empty buffer of computed tensors
    int[] tensorOffsets = new int[tensors.size()];
    for (int i = 0; i < tensors.size(); i++) {
      TensorDef t = tensors.get(i);
      int bufferIndex = 0;
      if (t.data() != null) {
        int data = Buffer.createDataVector(b, t.data());
        buffers.add(Buffer.createBuffer(b, data));
        bufferIndex = buffers.size() - 1;
      }
      int name = b.createString(t.name());
      int shape = Tensor.createShapeVector(b, t.shape());
      Tensor.startTensor(b);
      Tensor.addShape(b, shape);
      Tensor.addType(b, t.type());
      Tensor.addBuffer(b, bufferIndex);
      Tensor.addName(b, name);
      tensorOffsets[i] = Tensor.endTensor(b);
    }

    int[] opOffsets = new int[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      OpDef op = ops.get(i);
      int in = Operator.createInputsVector(b, op.inputs());
      int out = Operator.createOutputsVector(b, op.outputs());
      int options = op.options() != null ? op.options().applyAsInt(b) : 0;
      int custom = op.customOptions() != null ? Operator.createCustomOptionsVector(b, op.customOptions()) : 0;
      Operator.startOperator(b);
      Operator.addOpcodeIndex(b, codes.get(op.codeKey())[1]);
      Operator.addInputs(b, in);
      Operator.addOutputs(b, out);
      if (op.options() != null) {
        Operator.addBuiltinOptionsType(b, op.optionsType());
        Operator.addBuiltinOptions(b, options);
      }
      if (custom != 0) {
        Operator.addCustomOptions(b, custom);
      }
      opOffsets[i] = Operator.endOperator(b);
    }

    int subgraph = SubGraph.createSubGraph(b, SubGraph.createTensorsVector(b, tensorOffsets),
        SubGraph.createInputsVector(b, inputs), SubGraph.createOutputsVector(b, outputs),
        SubGraph.createOperatorsVector(b, opOffsets), b.createString("main"));

    int[] codeOffsets = new int[codes.size()];
    for (Map.Entry<String, int[]> e : codes.entrySet()) {
      int builtin = e.getValue()[0];
      int custom = customNames.containsKey(e.getKey()) ? b.createString(customNames.get(e.getKey())) : 0;
      codeOffsets[e.getValue()[1]] = OperatorCode.createOperatorCode(b,
          (byte) Math.min(builtin, BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES), custom, 1, builtin);
    }

    int model = Model.createModel(b, 3, Model.createOperatorCodesVector(b, codeOffsets),
        Model.createSubgraphsVector(b, new int[] {subgraph}), b.createString("tiny test graph"),
        Model.createBuffersVector(b, buffers.stream().mapToInt(Integer::intValue).toArray()), 0, 0, 0);
    Model.finishModelBuffer(b, model);
    return b.sizedByteArray();
  }

  private static int[] append(int[] values, int value) {
    int[] out = java.util.Arrays.copyOf(values, values.length + 1);
    out[values.length] = value;
    return out;
  }
}
