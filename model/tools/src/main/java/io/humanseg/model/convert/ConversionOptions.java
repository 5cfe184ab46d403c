package io.humanseg.model.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to convert a TFLite graph.
 *
 * @param layout       layout of the ONNX graph, see {@link OnnxLayout}
 * @param extraOutputs names of TFLite tensors to expose as additional ONNX graph outputs, after the graph's own
 *                     outputs and in this order (e.g. the logits before the final LOGISTIC, to compare them with
 *                     reference values where the sigmoid saturates)
 */
public record ConversionOptions(OnnxLayout layout, List<String> extraOutputs) {

  public ConversionOptions {
    Objects.requireNonNull(layout, "layout");
    extraOutputs = List.copyOf(extraOutputs);
  }

  /** NCHW layout, no extra outputs. */
  public static ConversionOptions defaults() {
    return new ConversionOptions(OnnxLayout.NCHW, List.of());
  }

  public static ConversionOptions of(OnnxLayout layout) {
    return new ConversionOptions(layout, List.of());
  }

  public ConversionOptions withLayout(OnnxLayout newLayout) {
    return new ConversionOptions(newLayout, extraOutputs);
  }

  public ConversionOptions withExtraOutputs(List<String> names) {
    return new ConversionOptions(layout, names);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private OnnxLayout layout = OnnxLayout.NCHW;
    private final List<String> extraOutputs = new ArrayList<>();

    private Builder() {
    }

    public Builder layout(OnnxLayout value) {
      this.layout = Objects.requireNonNull(value, "layout");
      return this;
    }

    public Builder extraOutput(String tensorName) {
      extraOutputs.add(Objects.requireNonNull(tensorName, "tensorName"));
      return this;
    }

    public ConversionOptions build() {
      return new ConversionOptions(layout, extraOutputs);
    }
  }
}
