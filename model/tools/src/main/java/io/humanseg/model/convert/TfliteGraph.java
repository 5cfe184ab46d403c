package io.humanseg.model.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;

/** The main subgraph of a TFLite flatbuffer, decoded into plain records. */
final class TfliteGraph {
  final String description;
  final List<TfliteTensor> tensors;
  final List<TfliteOperator> operators;
  final int[] inputs;
  final int[] outputs;

  private TfliteGraph(String description, List<TfliteTensor> tensors, List<TfliteOperator> operators,
            int[] inputs, int[] outputs) {
    this.description = description;
    this.tensors = tensors;
    this.operators = operators;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  TfliteTensor tensor(int index) {
    return tensors.get(index);
  }

  static TfliteGraph read(ByteBuffer flatbuffer) {
    // getRootAsModel changes the buffer's byte order; work on a private view so the caller's buffer is untouched.
    ByteBuffer bb = flatbuffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (bb.remaining() < 8 || !Model.ModelBufferHasIdentifier(bb)) {
      throw new TfliteConversionException("not a TFLite flatbuffer (file identifier 'TFL3' missing)");
    }
    Model model = Model.getRootAsModel(bb);
    if (model.subgraphsLength() < 1) {
      throw new TfliteConversionException("TFLite model has no subgraph");
    }
    // Further subgraphs only serve control-flow operators (WHILE, IF, CALL_ONCE), which are rejected as unsupported.
    SubGraph sg = model.subgraphs(0);

    List<TfliteTensor> tensors = new ArrayList<>(sg.tensorsLength());
    for (int i = 0; i < sg.tensorsLength(); i++) {
      Tensor t = sg.tensors(i);
      int[] shape = new int[t.shapeLength()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = t.shape(d);
      }
      ByteBuffer data = null;
      long bufferIndex = t.buffer();
      if (bufferIndex > 0 && bufferIndex < model.buffersLength()) {
        Buffer b = model.buffers((int) bufferIndex);
        if (b != null && b.dataLength() > 0) {
          data = b.dataAsByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer()
              .order(ByteOrder.LITTLE_ENDIAN);
        }
      }
      String name = t.name() != null ? t.name() : "tensor_" + i;
      tensors.add(new TfliteTensor(i, name, t.type(), shape, data));
    }

    List<TfliteOperator> operators = new ArrayList<>(sg.operatorsLength());
    for (int i = 0; i < sg.operatorsLength(); i++) {
      Operator op = sg.operators(i);
      int codeIndex = (int) op.opcodeIndex();
      if (codeIndex < 0 || codeIndex >= model.operatorCodesLength()) {
        throw new TfliteConversionException("operator #" + i + " refers to operator code " + codeIndex
            + " of " + model.operatorCodesLength());
      }
      OperatorCode code = model.operatorCodes(codeIndex);
      // Schema v3a moved codes above 127 to builtin_code and left deprecated_builtin_code at 127; older
      // writers only fill deprecated_builtin_code, so the larger of the two is the real code.
      int builtin = Math.max(code.deprecatedBuiltinCode(), code.builtinCode());
      operators.add(new TfliteOperator(i, builtin, code.customCode(), ints(op.inputsLength(), op::inputs),
          ints(op.outputsLength(), op::outputs), op));
    }
    return new TfliteGraph(model.description(), Collections.unmodifiableList(tensors),
        Collections.unmodifiableList(operators), ints(sg.inputsLength(), sg::inputs),
        ints(sg.outputsLength(), sg::outputs));
  }

  private static int[] ints(int length, java.util.function.IntUnaryOperator get) {
    int[] out = new int[length];
    for (int i = 0; i < length; i++) {
      out[i] = get.applyAsInt(i);
    }
    return out;
  }
}
