package io.humanseg.model.convert;

import static io.humanseg.model.convert.OnnxGraphBuilder.intsAttr;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.TensorType;

/**
 * State shared by the operator converters: which ONNX value holds each TFLite tensor, the constants folded so
 * far, and the layout bookkeeping.
 *
 * <p>The layout rule: in {@link OnnxLayout#NCHW} mode every rank-4 TFLite tensor lives in ONNX as NCHW, everything
 * else keeps TFLite's axis order. In {@link OnnxLayout#NHWC} mode every tensor
 * keeps TFLite's order and only the inputs and outputs of channels-first ONNX operators are transposed. An
 * operator converter added later that depends on axis positions (concatenation, reshape, ...) must map its axes
 * with {@link #isChannelsFirst(int)}.
 */
final class ConversionContext {
  private final TfliteGraph graph;
  private final OnnxGraphBuilder onnx;
  private final OnnxLayout layout;

  /** TFLite tensor index to the ONNX value holding it, in the graph's internal layout. */
  private final Map<Integer, String> values = new HashMap<>();
  /** ONNX names reserved up front for graph outputs, so that intermediate values cannot take them. */
  private final Map<Integer, String> reservedNames = new HashMap<>();
  /** Constants: decoded TFLite buffers and the results of folded operators (DEQUANTIZE). */
  private final Map<Integer, ConstTensor> constants = new HashMap<>();
  /** NHWC mode: one NCHW view per tensor, shared by all channels-first consumers of that tensor. */
  private final Map<Integer, String> nchwViews = new HashMap<>();
  /** Initializers made from constants used directly as operands, keyed by tensor and whether permuted. */
  private final Map<String, String> constantValues = new HashMap<>();
  private final Map<Float, String> scalars = new HashMap<>();

  ConversionContext(TfliteGraph graph, OnnxGraphBuilder onnx, OnnxLayout layout) {
    this.graph = graph;
    this.onnx = onnx;
    this.layout = layout;
  }

  OnnxGraphBuilder onnx() {
    return onnx;
  }

  OnnxLayout layout() {
    return layout;
  }

  TfliteTensor tensor(int index) {
    return graph.tensor(index);
  }

  static String label(TfliteOperator op) {
    return op.name() + "#" + op.index();
  }

  /**
   * Whether {@code index} appears channels-first as an ONNX operand: every rank-4 tensor in NCHW mode (constants
   * used as operands are permuted to match). Weights are not operands in this sense; their converters lay them
   * out for the ONNX operator directly.
   */
  boolean isChannelsFirst(int index) {
    return layout == OnnxLayout.NCHW && tensor(index).rank() == 4;
  }

  /** The tensor's shape as declared in the ONNX graph. */
  long[] onnxShape(int index) {
    long[] shape = Layouts.toLongs(tensor(index).shape());
    return isChannelsFirst(index) ? Layouts.permuteShape(shape, Layouts.NHWC_TO_NCHW) : shape;
  }

  void reserveName(int index, String onnxName) {
    reservedNames.put(index, onnxName);
  }

  /** Registers an ONNX value (a graph input) as holding {@code index}. */
  void bind(int index, String onnxName) {
    values.put(index, onnxName);
  }

  boolean isProduced(int index) {
    return values.containsKey(index);
  }

  String valueName(int index) {
    String name = values.get(index);
    if (name == null) {
      throw new TfliteConversionException("tensor " + tensor(index).describe()
          + " is used before any operator produces it");
    }
    return name;
  }

  // ---- constants ----

  boolean isConstant(int index) {
    return constants.containsKey(index) || tensor(index).isConstant();
  }

  void defineConstant(int index, ConstTensor value) {
    if (!Arrays.equals(value.shape(), tensor(index).shape())) {
      throw new TfliteConversionException("folded value of shape " + Arrays.toString(value.shape())
          + " does not match tensor " + tensor(index).describe());
    }
    constants.put(index, value);
  }

  /** The constant's value; float16 data is widened exactly to float32, integer data is kept as int32. */
  ConstTensor constant(int index) {
    ConstTensor c = constants.get(index);
    if (c != null) {
      return c;
    }
    TfliteTensor t = tensor(index);
    if (!t.isConstant()) {
      throw new TfliteConversionException("tensor " + t.describe() + " is not a constant");
    }
    c = decode(t);
    constants.put(index, c);
    return c;
  }

  /** {@link #constant} with an error naming the operator and the operand's role when the tensor is computed. */
  ConstTensor requireConstant(TfliteOperator op, int index, String role) {
    if (!isConstant(index)) {
      throw new UnsupportedOperatorException(op.name(), op.index(), op.describe() + ": a " + role
          + " computed at run time (" + tensor(index).describe() + ") is not supported, only constants");
    }
    return constant(index);
  }

  ConstTensor requireFloatConstant(TfliteOperator op, int index, String role) {
    ConstTensor c = requireConstant(op, index, role);
    if (!c.isFloat()) {
      throw new UnsupportedTensorTypeException(op.describe() + ": the " + role + " "
          + tensor(index).describe() + " must be floating point");
    }
    return c;
  }

  int[] requireIntConstant(TfliteOperator op, int index, String role) {
    ConstTensor c = requireConstant(op, index, role);
    if (c.isFloat()) {
      throw new UnsupportedTensorTypeException(op.describe() + ": the " + role + " "
          + tensor(index).describe() + " must be an integer tensor");
    }
    return c.ints();
  }

  private static ConstTensor decode(TfliteTensor t) {
    ByteBuffer data = t.data();
    long count = t.elementCount();
    int n = Math.toIntExact(count);
    switch (t.type()) {
      case TensorType.FLOAT32 -> {
        checkSize(t, n, Float.BYTES);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = data.getFloat(i * Float.BYTES);
        }
        return ConstTensor.ofFloats(t.shape(), f);
      }
      case TensorType.FLOAT16 -> {
        checkSize(t, n, 2);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = Float16.toFloat(data.getShort(i * 2));
        }
        return ConstTensor.ofFloats(t.shape(), f);
      }
      case TensorType.INT32 -> {
        checkSize(t, n, Integer.BYTES);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = data.getInt(i * Integer.BYTES);
        }
        return ConstTensor.ofInts(t.shape(), v);
      }
      case TensorType.INT64 -> {
        checkSize(t, n, Long.BYTES);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = Math.toIntExact(data.getLong(i * Long.BYTES));
        }
        return ConstTensor.ofInts(t.shape(), v);
      }
      default -> throw new UnsupportedTensorTypeException("constant tensor " + t.describe()
          + " has an unsupported element type " + t.typeName());
    }
  }

  private static void checkSize(TfliteTensor t, int count, int elementBytes) {
    if ((long) count * elementBytes != t.data().remaining()) {
      throw new TfliteConversionException("constant tensor " + t.describe() + " has "
          + t.data().remaining() + " bytes of data, expected " + (long) count * elementBytes);
    }
  }

  /** An initializer holding {@code value}, named after the TFLite tensor it came from. */
  String initializer(String baseName, ConstTensor value) {
    return onnx.floatInitializer(baseName, value.shape(), value.floats());
  }

  /** A float scalar initializer (Clip bounds), shared by all users of the same value. */
  String scalar(float value) {
    return scalars.computeIfAbsent(value,
        v -> onnx.floatInitializer("const_" + v.toString().replace('-', 'm').replace('.', 'p'),
            new int[0], new float[] {v}));
  }

  // ---- operands ----

  /**
   * The tensor as an operand in the graph's internal layout. Rank-4 constants are permuted at conversion time
   * in NCHW mode so that they line up with the activations they are combined with.
   */
  String value(int index) {
    if (!isConstant(index)) {
      return valueName(index);
    }
    boolean permute = layout == OnnxLayout.NCHW && tensor(index).rank() == 4;
    return constantOperand(index, permute);
  }

  private String constantOperand(int index, boolean toNchw) {
    String key = index + (toNchw ? "/nchw" : "/asis");
    String existing = constantValues.get(key);
    if (existing != null) {
      return existing;
    }
    ConstTensor c = constant(index);
    if (!c.isFloat()) {
      throw new UnsupportedTensorTypeException("integer constant " + tensor(index).describe()
          + " cannot be used as a float operand");
    }
    String name = toNchw
        ? initializer(tensor(index).name() + "__nchw", c.padRank(4).permuted(Layouts.NHWC_TO_NCHW))
        : initializer(tensor(index).name(), c);
    constantValues.put(key, name);
    return name;
  }

  /**
   * An operand of a broadcasting elementwise op whose output has rank {@code outputRank}. NumPy-style
   * broadcasting aligns trailing axes, so in NCHW mode a lower-rank operand (e.g. a per-channel [C] vector) must
   * first get TFLite's rank-4 shape ([1,1,1,C]) and then be moved to NCHW ([1,C,1,1]).
   */
  String broadcastOperand(TfliteOperator op, int index, int outputRank) {
    if (layout != OnnxLayout.NCHW || outputRank != 4) {
      return value(index);
    }
    TfliteTensor t = tensor(index);
    if (isConstant(index)) {
      return constantOperand(index, true);
    }
    if (t.rank() == 4) {
      return valueName(index);
    }
    int[] padded = new int[4];
    Arrays.fill(padded, 1);
    System.arraycopy(t.shape(), 0, padded, 4 - t.rank(), t.rank());
    String label = label(op);
    String shape = onnx.int64Initializer(t.name() + "__rank4", Layouts.toLongs(padded));
    String reshaped = onnx.node("Reshape", label, List.of(valueName(index), shape),
        onnx.unique(t.name() + "__rank4"));
    return onnx.node("Transpose", label, List.of(reshaped), onnx.unique(t.name() + "__nchw"),
        intsAttr("perm", Layouts.NHWC_TO_NCHW));
  }

  /** A rank-4 run-time tensor as NCHW, for channels-first ONNX operators. */
  String nchwInput(TfliteOperator op, int index) {
    TfliteTensor t = tensor(index);
    if (t.rank() != 4) {
      throw new TfliteConversionException(op.describe() + " expects a rank-4 input, got " + t.describe());
    }
    if (isConstant(index)) {
      return constantOperand(index, true);
    }
    if (layout == OnnxLayout.NCHW) {
      return valueName(index);
    }
    return nchwViews.computeIfAbsent(index, i -> onnx.node("Transpose", "layout", List.of(valueName(i)),
        onnx.unique(t.name() + "__nchw"), intsAttr("perm", Layouts.NHWC_TO_NCHW)));
  }

  // ---- results ----

  /**
   * Emits the ONNX nodes computing TFLite tensor {@code index}. The producer writes the op's raw result into
   * the name it is given; this method appends the fused activation and, for a channels-first producer in NHWC
   * mode, the transpose back, so that the last node writes the tensor's own (TFLite) name.
   *
   * @param producesNchw whether the producer's result is NCHW (ONNX Conv, pooling, Resize, ConvTranspose)
   */
  void produce(TfliteOperator op, int index, boolean producesNchw, byte fusedActivation,
      Consumer<String> producer) {
    FusedActivation.check(op, fusedActivation);
    if (values.containsKey(index)) {
      throw new TfliteConversionException(op.describe() + " writes tensor " + tensor(index).describe()
          + ", which is already computed");
    }
    boolean transposeBack = producesNchw && layout == OnnxLayout.NHWC;
    boolean activate = fusedActivation != ActivationFunctionType.NONE;
    String finalName = reservedNames.containsKey(index)
        ? reservedNames.get(index) : onnx.unique(tensor(index).name());
    String label = label(op);

    String current = activate || transposeBack ? onnx.unique(finalName + "__raw") : finalName;
    producer.accept(current);
    if (activate) {
      String next = transposeBack ? onnx.unique(finalName + "__act") : finalName;
      FusedActivation.emit(this, label, fusedActivation, current, next);
      current = next;
    }
    if (transposeBack) {
      onnx.node("Transpose", label, List.of(current), finalName, intsAttr("perm", Layouts.NCHW_TO_NHWC));
    }
    values.put(index, finalName);
  }

  /** Checks a computed output shape (NHWC) against the shape the TFLite graph declares. */
  void expectShape(TfliteOperator op, int index, int... nhwcShape) {
    if (!Arrays.equals(tensor(index).shape(), nhwcShape)) {
      throw new TfliteConversionException(op.describe() + ": computed output shape "
          + Arrays.toString(nhwcShape) + " but the graph declares " + tensor(index).describe());
    }
  }

  void requireRank(TfliteOperator op, int index, int rank, String role) {
    if (tensor(index).rank() != rank) {
      throw new TfliteConversionException(op.describe() + ": the " + role + " must have rank " + rank
          + ", got " + tensor(index).describe());
    }
  }
}
