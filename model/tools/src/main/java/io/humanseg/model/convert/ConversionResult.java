package io.humanseg.model.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The serialized ONNX model and a description of its interface, as declared in the ONNX graph. */
public final class ConversionResult {

  /** A graph input or output: its name and its shape in the ONNX graph's layout. */
  public record TensorSpec(String name, long[] shape) {
    public TensorSpec {
      shape = shape.clone();
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TensorSpec t && t.name.equals(name) && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
      return name + Arrays.toString(shape);
    }
  }

  private final byte[] onnxModel;
  private final OnnxLayout layout;
  private final TensorSpec input;
  private final List<TensorSpec> outputs;
  private final Map<String, Integer> operatorHistogram;

  ConversionResult(byte[] onnxModel, OnnxLayout layout, TensorSpec input, List<TensorSpec> outputs,
      Map<String, Integer> operatorHistogram) {
    this.onnxModel = onnxModel;
    this.layout = layout;
    this.input = input;
    this.outputs = List.copyOf(outputs);
    this.operatorHistogram = Collections.unmodifiableMap(new LinkedHashMap<>(operatorHistogram));
  }

  /** The serialized {@code ModelProto}. */
  public byte[] onnxModel() {
    return onnxModel.clone();
  }

  public OnnxLayout layout() {
    return layout;
  }

  public TensorSpec input() {
    return input;
  }

  public String inputName() {
    return input.name();
  }

  public long[] inputShape() {
    return input.shape();
  }

  /** The graph's own outputs first, then the requested extra outputs. */
  public List<TensorSpec> outputs() {
    return outputs;
  }

  public List<String> outputNames() {
    return outputs.stream().map(TensorSpec::name).toList();
  }

  /** The first (primary) graph output. */
  public TensorSpec output() {
    return outputs.get(0);
  }

  /** How many operators of each TFLite kind were converted (builtin names, or the custom code), in graph order. */
  public Map<String, Integer> operatorHistogram() {
    return operatorHistogram;
  }

  public Path writeTo(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.write(file, onnxModel);
  }

  @Override
  public String toString() {
    return "ConversionResult[" + layout + ", " + onnxModel.length + " bytes, input " + input + ", outputs "
        + outputs + "]";
  }
}
