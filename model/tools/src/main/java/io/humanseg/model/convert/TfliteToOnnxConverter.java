package io.humanseg.model.convert;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.TensorType;

/**
 * Converts a float TFLite graph (float32 activations, float16 or float32 weights) into an ONNX model (opset 17)
 * for ONNX Runtime.
 *
 * <p>It covers the operators of the MediaPipe selfie segmentation graphs, including MediaPipe's custom
 * {@code Convolution2DTransposeBias}; anything else fails up front with an {@link UnsupportedOperatorException}
 * naming the operator. Graph inputs and outputs keep their TFLite names. The output is deterministic: the same
 * graph and options give the same bytes.
 */
public final class TfliteToOnnxConverter {
  /** The ONNX opset the generated models import (default domain). */
  public static final int OPSET = OnnxGraphBuilder.OPSET;
  /** The ONNX IR version of the generated models. */
  public static final int IR_VERSION = OnnxGraphBuilder.IR_VERSION;

  static final String PRODUCER_NAME = "humanseg-tflite2onnx";
  /** Bump when the generated graphs change, so that cached conversions can be told apart. */
  static final String PRODUCER_VERSION = "1";

  private final OperatorRegistry registry = OperatorRegistry.standard();

  public ConversionResult convert(byte[] tflite, ConversionOptions options) {
    return convert(ByteBuffer.wrap(tflite), options);
  }

  /**
   * Converts the TFLite flatbuffer in {@code tflite} (from its position to its limit; the buffer is not changed).
   *
   * @throws UnsupportedOperatorException    if the graph uses an operator without a translation
   * @throws UnsupportedTensorTypeException  if a tensor has an element type without a translation
   * @throws TfliteConversionException       if the graph is malformed or otherwise cannot be converted
   * @throws IllegalArgumentException        if an extra output names no tensor computed by the graph
   */
  public ConversionResult convert(ByteBuffer tflite, ConversionOptions options) {
    TfliteGraph graph = TfliteGraph.read(tflite.slice());
    List<OpConverter> converters = resolveConverters(graph);

    OnnxGraphBuilder onnx = new OnnxGraphBuilder(graphName(graph));
    ConversionContext ctx = new ConversionContext(graph, onnx, options.layout());

    List<ConversionResult.TensorSpec> inputs = declareInputs(graph, ctx, onnx);
    List<Integer> outputTensors = outputTensors(graph, options.extraOutputs());
    for (int t : outputTensors) {
      ctx.reserveName(t, onnx.claim(graph.tensor(t).name()));
    }

    Map<String, Integer> histogram = new LinkedHashMap<>();
    for (TfliteOperator op : graph.operators) {
      checkTensorTypes(graph, ctx, op);
      converters.get(op.index()).convert(op, ctx);
      histogram.merge(op.name(), 1, Integer::sum);
    }

    List<ConversionResult.TensorSpec> outputs = new ArrayList<>();
    for (int t : outputTensors) {
      if (!ctx.isProduced(t)) {
        throw new TfliteConversionException("output tensor " + graph.tensor(t).describe()
            + (ctx.isConstant(t) ? " is a constant folded at conversion time (e.g. dequantized weights)"
                : " is not computed by any operator"));
      }
      String name = ctx.valueName(t);
      long[] shape = ctx.onnxShape(t);
      onnx.floatOutput(name, shape);
      outputs.add(new ConversionResult.TensorSpec(name, shape));
    }

    ModelProto model = onnx.build(PRODUCER_NAME, PRODUCER_VERSION, docString(graph, options));
    return new ConversionResult(model.toByteArray(), options.layout(), inputs.get(0), outputs, histogram);
  }

  /** Resolves every operator before converting any, so an unsupported one fails fast and by name. */
  private List<OpConverter> resolveConverters(TfliteGraph graph) {
    List<OpConverter> converters = new ArrayList<>(graph.operators.size());
    for (TfliteOperator op : graph.operators) {
      OpConverter c = registry.find(op);
      if (c == null) {
        throw new UnsupportedOperatorException(op.name(), op.index(), op.describe()
            + " is not supported (supported: " + String.join(", ", registry.names()) + ")");
      }
      if (op.outputs().length != 1) {
        throw new UnsupportedOperatorException(op.name(), op.index(), op.describe() + " has "
            + op.outputs().length + " outputs; only single-output operators are supported");
      }
      converters.add(c);
    }
    return converters;
  }

  private static List<ConversionResult.TensorSpec> declareInputs(TfliteGraph graph, ConversionContext ctx,
      OnnxGraphBuilder onnx) {
    if (graph.inputs.length == 0) {
      throw new TfliteConversionException("TFLite graph has no input");
    }
    List<ConversionResult.TensorSpec> specs = new ArrayList<>();
    for (int t : graph.inputs) {
      TfliteTensor tensor = graph.tensor(t);
      if (tensor.type() != TensorType.FLOAT32) {
        throw new UnsupportedTensorTypeException("graph input " + tensor.describe()
            + " is not FLOAT32; only float graphs are supported");
      }
      String name = onnx.claim(tensor.name());
      long[] shape = ctx.onnxShape(t);
      onnx.floatInput(name, shape);
      ctx.bind(t, name);
      specs.add(new ConversionResult.TensorSpec(name, shape));
    }
    return specs;
  }

  private static List<Integer> outputTensors(TfliteGraph graph, List<String> extraOutputs) {
    List<Integer> result = new ArrayList<>();
    for (int t : graph.outputs) {
      if (graph.tensor(t).type() != TensorType.FLOAT32) {
        throw new UnsupportedTensorTypeException("graph output " + graph.tensor(t).describe()
            + " is not FLOAT32; only float graphs are supported");
      }
      result.add(t);
    }
    for (String name : extraOutputs) {
      int found = -1;
      for (TfliteTensor tensor : graph.tensors) {
        if (tensor.name().equals(name)) {
          if (found >= 0) {
            throw new IllegalArgumentException("extra output '" + name + "' is ambiguous: tensors #"
                + found + " and #" + tensor.index() + " share the name");
          }
          found = tensor.index();
        }
      }
      if (found < 0) {
        throw new IllegalArgumentException("extra output '" + name + "': no such tensor in the TFLite graph");
      }
      if (graph.tensor(found).isConstant() || contains(graph.inputs, found)) {
        throw new IllegalArgumentException("extra output '" + name
            + "' is not computed by the graph (it is a constant or a graph input)");
      }
      if (!result.contains(found)) {
        result.add(found);
      }
    }
    return result;
  }

  /**
   * Activations must be float32; integer tensors are accepted only as constants (axes, sizes), float16 only
   * as the constant input of DEQUANTIZE.
   */
  private static void checkTensorTypes(TfliteGraph graph, ConversionContext ctx, TfliteOperator op) {
    boolean dequantize = op.builtinCode() == BuiltinOperator.DEQUANTIZE;
    for (int t : op.inputs()) {
      if (t < 0) {
        continue;
      }
      TfliteTensor tensor = graph.tensor(t);
      byte type = tensor.type();
      boolean ok = type == TensorType.FLOAT32
          || (dequantize && type == TensorType.FLOAT16 && tensor.isConstant())
          || ((type == TensorType.INT32 || type == TensorType.INT64) && ctx.isConstant(t));
      if (!ok) {
        throw new UnsupportedTensorTypeException(op.describe() + ": input " + tensor.describe()
            + " has an unsupported element type; activations must be FLOAT32");
      }
    }
    for (int t : op.outputs()) {
      if (graph.tensor(t).type() != TensorType.FLOAT32) {
        throw new UnsupportedTensorTypeException(op.describe() + ": output " + graph.tensor(t).describe()
            + " has an unsupported element type; activations must be FLOAT32");
      }
    }
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  private static String graphName(TfliteGraph graph) {
    return graph.description != null && !graph.description.isBlank() ? graph.description : "tflite";
  }

  private static String docString(TfliteGraph graph, ConversionOptions options) {
    return "Converted from TFLite" + (graph.description != null ? " '" + graph.description + "'" : "")
        + " by " + PRODUCER_NAME + " " + PRODUCER_VERSION + ", layout " + options.layout();
  }
}
