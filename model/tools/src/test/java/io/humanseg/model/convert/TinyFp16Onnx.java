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
import java.util.Random;

/**
 * A small float16 graph laid out like IMG.LY's IS-Net export: a float32 input cast to float16, float16
 * convolutions, a float-only operator wrapped in a pair of casts, graph outputs cast back to float32, a side
 * output inference does not need, and nodes not in topological order.
 *
 * <pre>
 * input f32 -Cast-> f16 -Conv(3->2, 3x3)-> -Relu-> r -Mul(Constant 0.5)-> -Conv(2->1, 1x1)-> side
 * side -Cast f32-> Sigmoid -Cast f16-> -Cast f32-> output [1,1,8,8]
 * r -Cast f32-> side1 [1,2,8,8]
 * </pre>
 */
public final class TinyFp16Onnx {
  public static final int SIZE = 8;

  private static final int F32 = TensorProto.DataType.FLOAT_VALUE;
  private static final int F16 = TensorProto.DataType.FLOAT16_VALUE;

  private final short[] w1 = new short[2 * 3 * 3 * 3];
  private final short[] b1 = new short[2];
  private final short[] w2 = new short[2];
  private final short[] b2 = new short[1];

  /** Random float16 weights (in [-1, 1], so most are not exactly representable with fewer bits). */
  public TinyFp16Onnx(long seed) {
    Random r = new Random(seed);
    for (short[] a : new short[][] {w1, b1, w2, b2}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = toHalf(r.nextFloat() * 2 - 1);
      }
    }
  }

  public byte[] bytes() {
    return model().toByteArray();
  }

  public ModelProto model() {
    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-isnet");
    // The output casts come first, as in the real export.
    g.addNode(node("Cast", "output", "sig16", intAttr("to", F32)));
    g.addNode(node("Cast", "side1", "r", intAttr("to", F32)));
    g.addNode(node("Cast", "x16", "input", intAttr("to", F16)));
    g.addNode(node("Conv", "c1", new String[] {"x16", "w1", "b1"}, intsAttr("pads", 1, 1, 1, 1)));
    g.addNode(node("Relu", "r", "c1"));
    g.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("half")
        .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeType.TENSOR)
            .setT(halfTensor("", new short[] {toHalf(0.5f)}))).build());
    g.addNode(node("Mul", "m", new String[] {"r", "half"}));
    g.addNode(node("Conv", "side", new String[] {"m", "w2", "b2"}));
    g.addNode(node("Cast", "side32", "side", intAttr("to", F32)));
    g.addNode(node("Sigmoid", "sig32", "side32"));
    g.addNode(node("Cast", "sig16", "sig32", intAttr("to", F16)));

    g.addInitializer(halfTensor("w1", w1, 2, 3, 3, 3));
    g.addInitializer(halfTensor("b1", b1, 2));
    g.addInitializer(halfTensor("w2", w2, 1, 2, 1, 1));
    // ONNX also allows float16 data as one int32_data entry per value; the rewriter must read both forms.
    g.addInitializer(TensorProto.newBuilder().setName("b2").setDataType(F16).addDims(1).addInt32Data(b2[0] & 0xFFFF));
    g.addInput(value("input", F32, 1, 3, SIZE, SIZE));
    g.addOutput(value("output", F32, 1, 1, SIZE, SIZE));
    g.addOutput(value("side1", F32, 1, 2, SIZE, SIZE));
    g.addValueInfo(value("x16", F16, 1, 3, SIZE, SIZE));
    g.addValueInfo(value("r", F16, 1, 2, SIZE, SIZE));
    g.addValueInfo(value("side", F16, 1, 1, SIZE, SIZE));
    g.addValueInfo(value("sig16", F16, 1, 1, SIZE, SIZE));
    g.addValueInfo(value("sig32", F32, 1, 1, SIZE, SIZE));
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(15))
        .setProducerName("humanseg test")
        .setGraph(g)
        .build();
  }

  /** The graph's {@code output} computed in double from the exactly widened weights. */
  public float[] reference(float[] input) {
    int n = SIZE * SIZE;
    double[] r = new double[2 * n];
    for (int o = 0; o < 2; o++) {
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          double s = Float16.toFloat(b1[o]);
          for (int c = 0; c < 3; c++) {
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                int iy = y + ky - 1;
                int ix = x + kx - 1;
                if (iy >= 0 && iy < SIZE && ix >= 0 && ix < SIZE) {
                  s += Float16.toFloat(w1[((o * 3 + c) * 3 + ky) * 3 + kx]) * input[c * n + iy * SIZE + ix];
                }
              }
            }
          }
          r[o * n + y * SIZE + x] = Math.max(0, s);
        }
      }
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double s = Float16.toFloat(b2[0]) + Float16.toFloat(w2[0]) * 0.5 * r[i] + Float16.toFloat(w2[1]) * 0.5 * r[n + i];
      out[i] = (float) (1 / (1 + Math.exp(-s)));
    }
    return out;
  }

  /** Round to nearest float16 bits (values in the normal range, as the weights here are). */
  static short toHalf(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    float a = Math.abs(f);
    if (a < 0x1p-14f) {
      return (short) (sign | Math.round(a * 0x1p24f));
    }
    int e = Math.getExponent(a);
    int mantissa = Math.round((a / (float) Math.scalb(1.0, e) - 1) * 1024);
    if (mantissa == 1024) {
      mantissa = 0;
      e++;
    }
    return (short) (sign | ((e + 15) << 10) | mantissa);
  }

  private static NodeProto node(String op, String output, String input, AttributeProto... attrs) {
    return node(op, output, new String[] {input}, attrs);
  }

  private static NodeProto node(String op, String output, String[] inputs, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "/" + op).addOutput(output);
    for (String i : inputs) {
      n.addInput(i);
    }
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    return n.build();
  }

  private static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(v).build();
  }

  private static AttributeProto intsAttr(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }

  private static TensorProto halfTensor(String name, short[] data, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    raw.asShortBuffer().put(data);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(F16).setRawData(ByteString.copyFrom(raw.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  private static ValueInfoProto value(String name, int type, long... dims) {
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
