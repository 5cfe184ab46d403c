package io.humanseg.model.convert;

import static io.humanseg.model.convert.OnnxGraphBuilder.intAttr;
import static io.humanseg.model.convert.OnnxGraphBuilder.intsAttr;
import static io.humanseg.model.convert.OnnxGraphBuilder.stringAttr;

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

/**
 * A small graph traced for a fixed square input, with its upsampling targets baked in the two ways
 * {@link InputSizeRewriter} rewrites, and intermediate shapes recorded for the traced side:
 *
 * <pre>
 * input [1,C,N,N] -MaxPool(2x2, stride 2, ceil)-> p [1,C,N/2,N/2]
 * p -Resize(nearest, asymmetric, sizes = Concat(Slice(Shape(p), 0, 2), Constant[N, N]))-> u [1,C,N,N]   (IS-Net's form)
 * output = input + u                                                                           [1,C,N,N]
 * half = Resize(output, linear, half_pixel, sizes = initializer [1, C, N/2, N/2])              [1,C,N/2,N/2]
 * </pre>
 *
 * <p>So {@code output} is each pixel plus the largest of its 2x2 block, and {@code half} the mean of each 2x2
 * block of {@code output}: both easy to compute at any side ({@link #output}, {@link #half}).
 */
public final class TinyResizeOnnx {
  public static final int SIDE = 8;
  private static final int F32 = TensorProto.DataType.FLOAT_VALUE;
  private static final int I64 = TensorProto.DataType.INT64_VALUE;

  private TinyResizeOnnx() {}

  public static ModelProto model(int channels) {
    int n = SIDE;
    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-resize");
    g.addNode(node("MaxPool", "p", new String[] {"input"}, intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2),
        intAttr("ceil_mode", 1)));
    g.addNode(node("Shape", "shape", new String[] {"p"}));
    g.addNode(constant("zero", 0));
    g.addNode(constant("two", 2));
    g.addNode(node("Slice", "nc", new String[] {"shape", "zero", "two", "zero"}));
    g.addNode(constant("hw", n, n));
    g.addNode(node("Concat", "sizes", new String[] {"nc", "hw"}, intAttr("axis", 0)));
    g.addNode(node("Resize", "u", new String[] {"p", "", "", "sizes"},
        stringAttr("mode", "nearest"), stringAttr("coordinate_transformation_mode", "asymmetric"),
        stringAttr("nearest_mode", "floor")));
    g.addNode(node("Add", "output", new String[] {"input", "u"}));
    g.addNode(node("Resize", "half", new String[] {"output", "", "", "half_sizes"},
        stringAttr("mode", "linear"), stringAttr("coordinate_transformation_mode", "half_pixel")));
    g.addInitializer(int64("half_sizes", 1, channels, n / 2, n / 2));
    g.addInput(value("input", F32, 1, channels, n, n));
    g.addOutput(value("output", F32, 1, channels, n, n));
    g.addOutput(value("half", F32, 1, channels, n / 2, n / 2));
    // Shapes as a tracer records them: true at N only.
    g.addValueInfo(value("p", F32, 1, channels, n / 2, n / 2));
    g.addValueInfo(value("u", F32, 1, channels, n, n));
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(15))
        .setProducerName("humanseg test")
        .setGraph(g)
        .build();
  }

  /** {@code output} for an input of {@code channels} planes of {@code side} x {@code side} (side even). */
  public static float[] output(float[] input, int channels, int side) {
    float[] out = new float[input.length];
    for (int c = 0; c < channels; c++) {
      int plane = c * side * side;
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int by = y / 2 * 2;
          int bx = x / 2 * 2;
          float max = Math.max(
              Math.max(input[plane + by * side + bx], input[plane + by * side + bx + 1]),
              Math.max(input[plane + (by + 1) * side + bx], input[plane + (by + 1) * side + bx + 1]));
          out[plane + y * side + x] = input[plane + y * side + x] + max;
        }
      }
    }
    return out;
  }

  /** {@code half}: the mean of each 2x2 block of {@code output}. */
  public static float[] half(float[] output, int channels, int side) {
    int h = side / 2;
    float[] out = new float[channels * h * h];
    for (int c = 0; c < channels; c++) {
      int plane = c * side * side;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < h; x++) {
          out[c * h * h + y * h + x] =
              (output[plane + 2 * y * side + 2 * x] + output[plane + 2 * y * side + 2 * x + 1]
                  + output[plane + (2 * y + 1) * side + 2 * x] + output[plane + (2 * y + 1) * side + 2 * x + 1]) / 4;
        }
      }
    }
    return out;
  }

  static NodeProto node(String op, String output, String[] inputs, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "/" + op).addOutput(output);
    for (String i : inputs) {
      n.addInput(i);
    }
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    return n.build();
  }

  static NodeProto constant(String output, long... values) {
    return NodeProto.newBuilder().setOpType("Constant").setName(output + "/Constant").addOutput(output)
        .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeType.TENSOR).setT(int64("", values)))
        .build();
  }

  static TensorProto int64(String name, long... values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    return TensorProto.newBuilder().setName(name).setDataType(I64).addDims(values.length)
        .setRawData(ByteString.copyFrom(raw.array())).build();
  }



  static ValueInfoProto value(String name, int type, long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(s)))
        .build();
  }
}
