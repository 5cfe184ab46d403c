package io.humanseg.model.convert;

/** Memory layout of the rank-4 activations in the converted ONNX graph. */
public enum OnnxLayout {
  /**
   * The whole graph runs channels-first: the input is declared [N,C,H,W] and the output [N,1,H,W]. Weights
   * and broadcast constants are permuted at conversion time, so the graph has no Transpose nodes at all.
   */
  NCHW,
  /**
   * TFLite's own channels-last layout at the graph boundaries and for elementwise ops; each layout-sensitive
   * op (convolution, pooling, resize, transposed convolution) is wrapped in a pair of Transpose nodes, which
   * ONNX Runtime's transpose optimizer cancels between adjacent ops.
   */
  NHWC
}
