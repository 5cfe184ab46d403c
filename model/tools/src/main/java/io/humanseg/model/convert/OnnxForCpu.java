package io.humanseg.model.convert;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prepares an ONNX graph downloaded as is for ONNX Runtime's CPU provider: float16 is widened to float32
 * ({@link Fp16ToFp32}, measured faster on CPU) and every graph output but the one the card reads is pruned
 * ({@link OutputPruner}). A graph that needs neither keeps its nodes unchanged. On request the graph is also
 * rewritten to a smaller (or larger) square input ({@link InputSizeRewriter}).
 */
public final class OnnxForCpu {
  /** What {@code ModelCard.Conversion.converter} says when float16 was widened. */
  public static final String WIDENED = "humanseg onnx fp16-to-fp32, unused outputs pruned";
  /** What it says when the graph only lost its unused outputs. */
  public static final String PRUNED = "humanseg onnx, unused outputs pruned";

  /**
   * @param converter {@link #WIDENED} or {@link #PRUNED}, followed by the input rewrite when there was one
   * @param opset the graph's default-domain opset
   */
  public record Result(ConversionResult graph, String converter, int opset) {}

  private OnnxForCpu() {}

  public static Result prepare(byte[] onnx, String output, OnnxLayout layout) {
    return prepare(onnx, output, layout, OptionalInt.empty());
  }

  /**
   * @param side when present, the side of the square input the graph is rewritten to; empty keeps the graph's
   *     own
   */
  public static Result prepare(byte[] onnx, String output, OnnxLayout layout, OptionalInt side) {
    ModelProto model = OnnxProtos.parse(onnx);
    boolean widen = Fp16ToFp32.hasFloat16(model);
    if (widen) {
      model = Fp16ToFp32.rewrite(model);
    }
    model = OutputPruner.keep(model, List.of(output));
    if (side.isPresent()) {
      model = InputSizeRewriter.rewrite(model, layout, side.getAsInt());
    }
    GraphProto g = model.getGraph();

    Set<String> initializers = g.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
    List<ValueInfoProto> inputs = g.getInputList().stream().filter(v -> !initializers.contains(v.getName())).toList();
    if (inputs.size() != 1) {
      throw new IllegalArgumentException("the graph has " + inputs.size() + " inputs; one image input is expected");
    }
    Map<String, Integer> histogram = new LinkedHashMap<>();
    for (NodeProto n : g.getNodeList()) {
      histogram.merge(n.getOpType(), 1, Integer::sum);
    }
    int opset = model.getOpsetImportList().stream()
        .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
        .mapToInt(o -> (int) o.getVersion()).findFirst().orElse(0);
    ConversionResult result =
        new ConversionResult(
            model.toByteArray(), layout, spec(inputs.get(0)), List.of(spec(g.getOutput(0))), histogram);
    String converter = widen ? WIDENED : PRUNED;
    if (side.isPresent()) {
      converter += ", input rewritten to " + side.getAsInt() + "x" + side.getAsInt();
    }
    return new Result(result, converter, opset);
  }

  private static ConversionResult.TensorSpec spec(ValueInfoProto v) {
    List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
    long[] shape = dims.stream().mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray();
    return new ConversionResult.TensorSpec(v.getName(), shape);
  }
}
