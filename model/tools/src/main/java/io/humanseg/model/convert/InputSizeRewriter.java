package io.humanseg.model.convert;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rewrites a graph traced for a fixed square input of side {@code O} to take side {@code S}, with the same weights.
 *
 * <p>Why: a traced graph such as IMG.LY's IS-Net fixes its input at 1024x1024 and bakes the target size of
 * every upsampling {@code Resize} into a constant (PyTorch's {@code interpolate(size=...)} exports as
 * {@code Resize(x, sizes = Concat(Shape(x)[0:2], Constant[h, w]))}). Convolutions and pools follow any input
 * size; those constants do not. This pass scales the input's and outputs' spatial dimensions and every
 * baked {@code Resize} target by S/O, and drops the graph's stale intermediate shapes (ONNX Runtime infers
 * them again).
 *
 * <p>It refuses, with the reason, what it cannot rewrite safely: a size that S/O does not scale to a whole
 * number (it names the multiple S must be), a {@code Resize} whose target is computed rather than constant, a
 * target constant that something else also reads, and a {@code Reshape}, {@code Expand} or
 * {@code ConstantOfShape} fed a constant shape (which may hold sizes traced for O). Scale factors need no
 * rewriting: they mean the same at any size.
 */
public final class InputSizeRewriter {
  private static final Set<String> CONSTANT_SHAPE_OPS = Set.of("Reshape", "Expand", "ConstantOfShape");

  private InputSizeRewriter() {}

  /**
   * The graph rewritten to a {@code side} x {@code side} input.
   *
   * @throws IllegalArgumentException when the graph cannot be rewritten to that side; the message says why
   */
  public static ModelProto rewrite(ModelProto model, OnnxLayout layout, int side) {
    GraphProto g = model.getGraph();
    ValueInfoProto input = imageInput(g);
    int[] spatial = spatialAxes(layout);
    long original = originalSide(input, spatial);
    if (side <= 0) {
      throw new IllegalArgumentException("the side must be positive, not " + side);
    }

    Map<String, NodeProto> producers = new HashMap<>();
    Map<String, List<NodeProto>> consumers = new HashMap<>();
    for (NodeProto n : g.getNodeList()) {
      n.getOutputList().forEach(o -> producers.put(o, n));
      n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
    }
    Map<String, TensorProto> initializers =
        g.getInitializerList().stream().collect(Collectors.toMap(TensorProto::getName, t -> t, (a, b) -> a));
    Constants constants = new Constants(producers, initializers);

    // The sizes to scale: every baked Resize target, by constant name, with the tensor axes its entries size.
    Map<String, int[]> targets = new HashMap<>();
    for (NodeProto n : g.getNodeList()) {
      if (CONSTANT_SHAPE_OPS.contains(n.getOpType()) && constants.has(shapeInput(n))) {
        throw new IllegalArgumentException(
            n.getOpType() + " node " + n.getName() + " takes the constant shape " + shapeInput(n)
                + ", which may hold sizes traced for " + original + "; this rewriter does not know how to scale it");
      }
      if (n.getOpType().equals("Resize")) {
        collectTarget(n, constants, producers, targets);
      }
    }
    List<Long> sizes = new ArrayList<>();
    for (var e : targets.entrySet()) {
      for (NodeProto reader : consumers.getOrDefault(e.getKey(), List.of())) {
        if (!reader.getOpType().equals("Resize") && !reader.getOpType().equals("Concat")) {
          throw new IllegalArgumentException(
              "the Resize target " + e.getKey() + " is also read by " + reader.getOpType() + " node " + reader.getName()
                  + "; scaling it would change that node too");
        }
      }
      long[] values = constants.int64(e.getKey());
      for (int axis : spatial) {
        int position = indexOf(e.getValue(), axis);
        if (position >= 0) {
          sizes.add(values[position]);
        }
      }
    }
    for (ValueInfoProto v : g.getOutputList()) {
      sizes.addAll(fixedSpatialDims(v, spatial));
    }
    sizes.add(original);
    long multiple = requiredMultiple(original, sizes);
    if (side % multiple != 0) {
      throw new IllegalArgumentException(
          "cannot rewrite the " + original + "x" + original + " graph to " + side + "x" + side + ": the side must be a"
              + " multiple of " + multiple + " so that every baked size scales to a whole number");
    }

    GraphProto.Builder b = g.toBuilder().clearValueInfo();
    for (int i = 0; i < b.getInputCount(); i++) {
      if (b.getInput(i).getName().equals(input.getName())) {
        b.setInput(i, scaled(b.getInput(i), spatial, side, original));
      }
    }
    for (int i = 0; i < b.getOutputCount(); i++) {
      b.setOutput(i, scaled(b.getOutput(i), spatial, side, original));
    }
    for (var e : targets.entrySet()) {
      long[] values = constants.int64(e.getKey());
      for (int axis : spatial) {
        int position = indexOf(e.getValue(), axis);
        if (position >= 0) {
          values[position] = values[position] * side / original;
        }
      }
      replaceConstant(b, e.getKey(), values);
    }
    return model.toBuilder().setGraph(b).build();
  }

  /** The original side of the (square, fixed) image input. */
  private static long originalSide(ValueInfoProto input, int[] spatial) {
    List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
    if (dims.size() != 4) {
      throw new IllegalArgumentException("the input " + input.getName() + " has rank " + dims.size() + ", not 4");
    }
    TensorShapeProto.Dimension h = dims.get(spatial[0]);
    TensorShapeProto.Dimension w = dims.get(spatial[1]);
    if (!h.hasDimValue() || !w.hasDimValue() || h.getDimValue() != w.getDimValue()) {
      throw new IllegalArgumentException(
          "the input " + input.getName() + " is not a fixed square (" + h + " x " + w + "); nothing to rewrite");
    }
    return h.getDimValue();
  }

  /**
   * Records the constant that holds {@code resize}'s target sizes and which tensor axes its entries are for:
   * a constant {@code sizes} of the full rank, or the constant tail of a {@code Concat} (the traced form).
   */
  private static void collectTarget(
      NodeProto resize, Constants constants, Map<String, NodeProto> producers, Map<String, int[]> targets) {
    String sizes = resize.getInputCount() > 3 ? resize.getInput(3) : "";
    if (sizes.isEmpty()) {
      String scales = resize.getInputCount() > 2 ? resize.getInput(2) : resize.getInputCount() == 2 ? resize.getInput(1) : "";
      if (!scales.isEmpty() && !constants.has(scales)) {
        throw new IllegalArgumentException(
            "Resize node " + resize.getName() + " computes its scales (" + scales + "); only constant scales are"
                + " size-independent");
      }
      return; // constant scales mean the same at any input size
    }
    if (hasAxes(resize)) {
      throw new IllegalArgumentException(
          "Resize node " + resize.getName() + " has an axes attribute; this rewriter reads sizes of every axis");
    }
    if (constants.has(sizes)) {
      int n = constants.int64(sizes).length;
      if (n != 4) {
        throw new IllegalArgumentException("Resize node " + resize.getName() + " has " + n + " sizes, not 4");
      }
      targets.put(sizes, new int[] {0, 1, 2, 3});
      return;
    }
    NodeProto concat = producers.get(sizes);
    if (concat != null && concat.getOpType().equals("Concat")) {
      String tail = concat.getInput(concat.getInputCount() - 1);
      if (constants.has(tail)) {
        int n = constants.int64(tail).length;
        int[] axes = new int[n];
        for (int i = 0; i < n; i++) {
          axes[i] = 4 - n + i;
        }
        for (int i = 0; i < concat.getInputCount() - 1; i++) {
          if (constants.has(concat.getInput(i))) {
            throw new IllegalArgumentException(
                "Resize node " + resize.getName() + " has more than one constant part in its sizes (" + sizes + ")");
          }
        }
        targets.put(tail, axes);
        return;
      }
    }
    throw new IllegalArgumentException(
        "Resize node " + resize.getName() + " takes its target sizes from "
            + (concat == null ? sizes : concat.getOpType() + " node " + concat.getName())
            + ", which is not a constant this rewriter can scale");
  }

  private static boolean hasAxes(NodeProto n) {
    return n.getAttributeList().stream().anyMatch(a -> a.getName().equals("axes"));
  }

  private static String shapeInput(NodeProto n) {
    return n.getOpType().equals("ConstantOfShape") ? n.getInput(0) : n.getInputCount() > 1 ? n.getInput(1) : "";
  }

  /** The smallest side step that scales every size to a whole number: original / gcd(original, sizes). */
  static long requiredMultiple(long original, List<Long> sizes) {
    long g = original;
    for (long s : sizes) {
      g = gcd(g, s);
    }
    return original / g;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static List<Long> fixedSpatialDims(ValueInfoProto v, int[] spatial) {
    List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
    List<Long> fixed = new ArrayList<>();
    if (dims.size() == 4) {
      for (int axis : spatial) {
        if (dims.get(axis).hasDimValue()) {
          fixed.add(dims.get(axis).getDimValue());
        }
      }
    }
    return fixed;
  }

  private static ValueInfoProto scaled(ValueInfoProto v, int[] spatial, long side, long original) {
    ValueInfoProto.Builder b = v.toBuilder();
    TensorShapeProto.Builder shape = b.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
    if (shape.getDimCount() == 4) {
      for (int axis : spatial) {
        if (shape.getDim(axis).hasDimValue()) {
          shape.getDimBuilder(axis).setDimValue(shape.getDim(axis).getDimValue() * side / original);
        }
      }
    }
    return b.build();
  }

  private static void replaceConstant(GraphProto.Builder b, String name, long[] values) {
    for (int i = 0; i < b.getInitializerCount(); i++) {
      if (b.getInitializer(i).getName().equals(name)) {
        b.setInitializer(i, int64Tensor(b.getInitializer(i), values));
        return;
      }
    }
    for (NodeProto.Builder n : b.getNodeBuilderList()) {
      if (n.getOpType().equals("Constant") && n.getOutput(0).equals(name)) {
        for (AttributeProto.Builder a : n.getAttributeBuilderList()) {
          if (a.getName().equals("value")) {
            a.setT(int64Tensor(a.getT(), values));
            return;
          }
        }
      }
    }
    throw new IllegalStateException("constant " + name + " vanished");
  }

  private static TensorProto int64Tensor(TensorProto like, long[] values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    return like.toBuilder().clearInt64Data().setRawData(ByteString.copyFrom(raw.array())).build();
  }

  private static int indexOf(int[] axes, int axis) {
    for (int i = 0; i < axes.length; i++) {
      if (axes[i] == axis) {
        return i;
      }
    }
    return -1;
  }

  private static int[] spatialAxes(OnnxLayout layout) {
    return layout == OnnxLayout.NCHW ? new int[] {2, 3} : new int[] {1, 2};
  }

  private static ValueInfoProto imageInput(GraphProto g) {
    Set<String> initializers = new HashSet<>();
    g.getInitializerList().forEach(t -> initializers.add(t.getName()));
    List<ValueInfoProto> inputs = g.getInputList().stream().filter(v -> !initializers.contains(v.getName())).toList();
    if (inputs.size() != 1) {
      throw new IllegalArgumentException("the graph has " + inputs.size() + " inputs; one image input is expected");
    }
    return inputs.get(0);
  }

  /** Int64 constants of a graph: initializers and outputs of {@code Constant} nodes. */
  private record Constants(Map<String, NodeProto> producers, Map<String, TensorProto> initializers) {
    boolean has(String name) {
      if (name.isEmpty()) {
        return false;
      }
      NodeProto p = producers.get(name);
      return initializers.containsKey(name) || (p != null && p.getOpType().equals("Constant"));
    }

    long[] int64(String name) {
      TensorProto t = initializers.get(name);
      if (t == null) {
        t = producers.get(name).getAttributeList().stream().filter(a -> a.getName().equals("value")).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Constant " + name + " has no tensor value")).getT();
      }
      if (t.getDataType() != TensorProto.DataType.INT64_VALUE) {
        throw new IllegalArgumentException("the Resize target " + name + " is not int64");
      }
      if (!t.getRawData().isEmpty()) {
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] v = new long[raw.remaining() / Long.BYTES];
        raw.asLongBuffer().get(v);
        return v;
      }
      return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
    }
  }
}
