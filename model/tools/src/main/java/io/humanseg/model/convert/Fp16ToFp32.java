package io.humanseg.model.convert;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an ONNX graph stored in half precision into one that computes in single precision.
 *
 * <p>Why: ONNX Runtime's CPU provider has float16 kernels for few operators, so it runs a float16 graph by
 * wrapping nodes in casts and converting the weights on the fly; the same graph in float32 runs faster and
 * no less accurately. Every half value widens exactly ({@link Float16}), so the float32 graph computes what
 * the float16 graph meant, minus the float16 rounding of the intermediate activations.
 *
 * <p>What changes: FLOAT16 initializers and tensor attributes (Constant values) become FLOAT; FLOAT16 element
 * types of graph inputs, outputs and value_info become FLOAT; Cast and dtype attributes that name FLOAT16 name
 * FLOAT. A Cast that thereby converts FLOAT to FLOAT (the casts around the float16 region and around
 * float-only operators such as Resize) is removed and its consumers read its input instead. Graphs with
 * subgraphs (If, Loop, Scan) are refused rather than half rewritten.
 */
public final class Fp16ToFp32 {
  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  private static final int FLOAT16 = TensorProto.DataType.FLOAT16_VALUE;

  private Fp16ToFp32() {}

  /** True when the graph holds any FLOAT16 initializer, value or Cast. */
  public static boolean hasFloat16(ModelProto model) {
    GraphProto g = model.getGraph();
    return g.getInitializerList().stream().anyMatch(t -> t.getDataType() == FLOAT16)
        || g.getInputList().stream().anyMatch(v -> elemType(v) == FLOAT16)
        || g.getOutputList().stream().anyMatch(v -> elemType(v) == FLOAT16)
        || g.getValueInfoList().stream().anyMatch(v -> elemType(v) == FLOAT16)
        || g.getNodeList().stream().anyMatch(n -> n.getAttributeList().stream().anyMatch(Fp16ToFp32::namesFloat16));
  }

  public static ModelProto rewrite(ModelProto model) {
    GraphProto g = model.getGraph();
    if (g.getSparseInitializerList().stream().anyMatch(s -> s.getValues().getDataType() == FLOAT16)) {
      throw new IllegalArgumentException("sparse FLOAT16 initializers are not supported");
    }
    Map<String, Integer> types = originalTypes(g);
    Set<String> graphOutputs = new HashSet<>();
    g.getOutputList().forEach(v -> graphOutputs.add(v.getName()));
    Set<String> nodeOutputs = new HashSet<>();
    g.getNodeList().forEach(n -> nodeOutputs.addAll(n.getOutputList()));

    // Decide which casts disappear and which value names replace which. Exporters do not always list nodes
    // in topological order, so the casts that feed other nodes are settled first, then those that name a
    // graph output.
    Map<String, String> rename = new HashMap<>();
    Set<NodeProto> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
    List<NodeProto> identityCasts = g.getNodeList().stream().filter(n -> isIdentityCast(n, types)).toList();
    for (NodeProto n : identityCasts) {
      if (!graphOutputs.contains(n.getOutput(0))) {
        rename.put(n.getOutput(0), n.getInput(0));
        dropped.add(n);
      }
    }
    for (NodeProto n : identityCasts) {
      String in = resolve(rename, n.getInput(0));
      if (graphOutputs.contains(n.getOutput(0))
          && nodeOutputs.contains(in) && !graphOutputs.contains(in) && !rename.containsKey(in)) {
        // The cast names a graph output: its producer takes over that name.
        rename.put(in, n.getOutput(0));
        dropped.add(n);
      }
    }

    GraphProto.Builder out = g.toBuilder().clearNode().clearInitializer().clearValueInfo().clearInput().clearOutput();
    for (NodeProto n : g.getNodeList()) {
      if (!dropped.contains(n)) {
        out.addNode(rewriteNode(n, rename));
      }
    }
    g.getInitializerList().forEach(t -> out.addInitializer(widen(t)));
    g.getInputList().forEach(v -> out.addInput(widen(v)));
    g.getOutputList().forEach(v -> out.addOutput(widen(v)));
    for (ValueInfoProto v : g.getValueInfoList()) {
      if (!rename.containsKey(v.getName())) {
        out.addValueInfo(widen(v));
      }
    }
    return model.toBuilder().setGraph(out).build();
  }

  /** Widens a FLOAT16 tensor to FLOAT; other tensors are returned as they are. */
  static TensorProto widen(TensorProto t) {
    if (t.getDataType() != FLOAT16) {
      return t;
    }
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      throw new IllegalArgumentException("tensor " + t.getName() + " keeps its data in an external file");
    }
    short[] halves;
    if (!t.getRawData().isEmpty()) {
      ShortBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
      halves = new short[raw.remaining()];
      raw.get(halves);
    } else {
      // Without raw_data, each int32_data entry holds one half's bits.
      halves = new short[t.getInt32DataCount()];
      for (int i = 0; i < halves.length; i++) {
        halves[i] = (short) t.getInt32Data(i);
      }
    }
    ByteBuffer floats = ByteBuffer.allocate(halves.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer fb = floats.asFloatBuffer();
    for (short h : halves) {
      fb.put(Float16.toFloat(h));
    }
    return t.toBuilder()
        .setDataType(FLOAT)
        .clearInt32Data()
        .setRawData(ByteString.copyFrom(floats.array()))
        .build();
  }

  private static ValueInfoProto widen(ValueInfoProto v) {
    if (elemType(v) != FLOAT16) {
      return v;
    }
    ValueInfoProto.Builder b = v.toBuilder();
    b.getTypeBuilder().getTensorTypeBuilder().setElemType(FLOAT);
    return b.build();
  }

  private static NodeProto rewriteNode(NodeProto n, Map<String, String> rename) {
    NodeProto.Builder b = n.toBuilder().clearInput().clearOutput().clearAttribute();
    n.getInputList().forEach(i -> b.addInput(resolve(rename, i)));
    n.getOutputList().forEach(o -> b.addOutput(resolve(rename, o)));
    for (AttributeProto a : n.getAttributeList()) {
      b.addAttribute(rewriteAttribute(n, a));
    }
    return b.build();
  }

  private static AttributeProto rewriteAttribute(NodeProto n, AttributeProto a) {
    switch (a.getType()) {
      case GRAPH, GRAPHS -> throw new IllegalArgumentException(
          "node " + n.getName() + " (" + n.getOpType() + ") has a subgraph; subgraphs are not rewritten");
      case TENSOR -> {
        return a.toBuilder().setT(widen(a.getT())).build();
      }
      case TENSORS -> {
        AttributeProto.Builder b = a.toBuilder().clearTensors();
        a.getTensorsList().forEach(t -> b.addTensors(widen(t)));
        return b.build();
      }
      case INT -> {
        return isTypeAttribute(a) && a.getI() == FLOAT16 ? a.toBuilder().setI(FLOAT).build() : a;
      }
      default -> {
        return a;
      }
    }
  }

  private static boolean namesFloat16(AttributeProto a) {
    return (a.getType() == AttributeType.INT && isTypeAttribute(a) && a.getI() == FLOAT16)
        || (a.getType() == AttributeType.TENSOR && a.getT().getDataType() == FLOAT16)
        || (a.getType() == AttributeType.TENSORS && a.getTensorsList().stream().anyMatch(t -> t.getDataType() == FLOAT16));
  }

  /** Cast's {@code to} and the {@code dtype} of generators such as EyeLike and RandomNormal. */
  private static boolean isTypeAttribute(AttributeProto a) {
    return a.getName().equals("to") || a.getName().equals("dtype");
  }

  /** A Cast whose input and target types are the same once FLOAT16 reads as FLOAT. */
  private static boolean isIdentityCast(NodeProto n, Map<String, Integer> types) {
    if (!n.getOpType().equals("Cast") || !n.getDomain().isEmpty() || n.getInputCount() != 1) {
      return false;
    }
    Integer from = types.get(n.getInput(0));
    long to = n.getAttributeList().stream().filter(a -> a.getName().equals("to")).findFirst()
        .map(AttributeProto::getI).orElse(-1L);
    return from != null && widened(from) == widened((int) to);
  }

  /** The element type of every value whose type the graph states, as the float16 graph has it. */
  private static Map<String, Integer> originalTypes(GraphProto g) {
    Map<String, Integer> types = new HashMap<>();
    for (List<ValueInfoProto> values : List.of(g.getInputList(), g.getOutputList(), g.getValueInfoList())) {
      values.forEach(v -> types.put(v.getName(), elemType(v)));
    }
    g.getInitializerList().forEach(t -> types.put(t.getName(), t.getDataType()));
    for (NodeProto n : g.getNodeList()) {
      for (AttributeProto a : n.getAttributeList()) {
        if (n.getOpType().equals("Cast") && a.getName().equals("to")) {
          types.put(n.getOutput(0), (int) a.getI());
        } else if (n.getOpType().equals("Constant") && a.getName().equals("value")) {
          types.put(n.getOutput(0), a.getT().getDataType());
        }
      }
    }
    return types;
  }

  private static int widened(int type) {
    return type == FLOAT16 ? FLOAT : type;
  }

  private static int elemType(ValueInfoProto v) {
    return v.getType().hasTensorType() ? v.getType().getTensorType().getElemType() : 0;
  }

  private static String resolve(Map<String, String> rename, String name) {
    String n = name;
    for (String next; (next = rename.get(n)) != null; ) {
      n = next;
    }
    return n;
  }
}
