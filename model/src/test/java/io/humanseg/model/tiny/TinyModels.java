package io.humanseg.model.tiny;

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
import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Tiny ONNX segmentation models built in code, with their cards, for end-to-end tests of the card contract
 * without downloaded weights. Each model is a 1x1 convolution that scores "red minus blue": on a picture of
 * a red figure on a blue background it finds the figure, so a wrong layout, colour order, size or
 * activation shows up as a wrong mask. Options cover every size policy, activation and layout.
 */
public final class TinyModels {
  /** The red figure and blue background {@link #picture} draws. */
  public static final int[] FIGURE_RGB = {230, 20, 30};
  public static final int[] BACKGROUND_RGB = {20, 40, 220};

  /**
   * One tiny model.
   *
   * @param policy fixed, height or longest
   * @param activation none, sigmoid, softmax or minmax
   * @param inputLayout NCHW or NHWC
   * @param outputStride 1, or 2 for an output at half the input's resolution
   */
  public record Spec(String name, String policy, String activation, String inputLayout, int outputStride) {
    public static Spec of(String policy, String activation) {
      return new Spec("tiny-" + policy + "-" + activation, policy, activation, "NCHW", 1);
    }

    public Spec withLayout(String layout) {
      return new Spec(name + "-" + layout.toLowerCase(java.util.Locale.ROOT), policy, activation, layout, outputStride);
    }

    public Spec withStride(int stride) {
      return new Spec(name + "-stride" + stride, policy, activation, inputLayout, stride);
    }
  }

  public static final List<String> POLICIES = List.of("fixed", "height", "longest");

  private TinyModels() {}

  /** Writes {@code dir/<name>/model.onnx} and {@code card.json}, like {@code models fetch}; returns the folder. */
  public static Path install(Spec spec, Path dir) {
    Path folder = dir.resolve(spec.name());
    try {
      Files.createDirectories(folder);
      Files.write(folder.resolve("model.onnx"), onnx(spec));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ModelCards.write(card(spec), folder.resolve("card.json"));
    return folder;
  }

  /** The card: input "pixels" scaled to [0, 1], output "score" with the spec's activation. */
  public static ModelCard card(Spec spec) {
    boolean nchw = "NCHW".equals(spec.inputLayout());
    List<Long> inShape;
    ModelCard.Size size;
    switch (spec.policy()) {
      case "fixed" -> {
        inShape = nchw ? List.of(1L, 3L, 64L, 48L) : List.of(1L, 64L, 48L, 3L);
        size = null;
      }
      case "height" -> {
        inShape = nchw ? List.of(1L, 3L, 64L, -1L) : List.of(1L, 64L, -1L, 3L);
        size = new ModelCard.Size("height", 64, null, 16);
      }
      case "longest" -> {
        inShape = nchw ? List.of(1L, 3L, -1L, -1L) : List.of(1L, -1L, -1L, 3L);
        size = new ModelCard.Size("longest", null, 72, 8);
      }
      default -> throw new IllegalArgumentException(spec.policy());
    }
    int channels = "softmax".equals(spec.activation()) ? 2 : 1;
    long outH = "fixed".equals(spec.policy()) ? 64 / spec.outputStride() : -1;
    long outW = "fixed".equals(spec.policy()) ? 48 / spec.outputStride() : -1;
    return new ModelCard(
        spec.name(), "tiny test model: red minus blue, " + spec.activation(), "Apache-2.0", "model.onnx", null,
        null,
        new ModelCard.Input("pixels", spec.inputLayout(), inShape, "RGB", 1 / 255.0, List.of(0.0, 0.0, 0.0),
            List.of(1.0, 1.0, 1.0), size),
        new ModelCard.Output("score", "NCHW", List.of(1L, (long) channels, outH, outW), spec.activation(),
            channels - 1, "person score"),
        new ModelCard.Resize("stretch", "area", null));
  }

  /** The ONNX graph: [Transpose] Conv1x1 [AveragePool 2x2]. */
  public static byte[] onnx(Spec spec) {
    ModelCard card = card(spec);
    GraphProto.Builder g = GraphProto.newBuilder().setName(spec.name());
    g.addInput(valueInfo("pixels", card.input().shape()));
    g.addOutput(valueInfo("score", card.output().shape()));
    String x = "pixels";
    if ("NHWC".equals(spec.inputLayout())) {
      g.addNode(node("Transpose", List.of(x), "nchw").addAttribute(ints("perm", 0, 3, 1, 2)));
      x = "nchw";
    }
    float[][] kernels = switch (spec.activation()) {
      // Red in [0, 1]: already a probability.
      case "none" -> new float[][] {{1, 0, 0, 0}};
      // 10 * (red - blue): a logit.
      case "sigmoid" -> new float[][] {{10, 0, -10, 0}};
      // Channel 0 background, channel 1 person.
      case "softmax" -> new float[][] {{-5, 0, 5, 0}, {5, 0, -5, 0}};
      // An arbitrary range, for min-max normalisation: 3 * red - 1.
      case "minmax" -> new float[][] {{3, 0, 0, -1}};
      default -> throw new IllegalArgumentException(spec.activation());
    };
    int out = kernels.length;
    float[] weights = new float[out * 3];
    float[] bias = new float[out];
    for (int o = 0; o < out; o++) {
      System.arraycopy(kernels[o], 0, weights, o * 3, 3);
      bias[o] = kernels[o][3];
    }
    g.addInitializer(tensor("w", weights, out, 3, 1, 1));
    g.addInitializer(tensor("b", bias, out));
    String conv = spec.outputStride() == 1 ? "score" : "full";
    g.addNode(node("Conv", List.of(x, "w", "b"), conv));
    if (spec.outputStride() > 1) {
      int s = spec.outputStride();
      g.addNode(node("AveragePool", List.of(conv), "score")
          .addAttribute(ints("kernel_shape", s, s)).addAttribute(ints("strides", s, s)));
    }
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("humanseg tests")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g)
        .build()
        .toByteArray();
  }

  /** A {@code width x height} picture: background, with the figure filling {@code figure} = {x, y, w, h}. */
  public static RgbImage picture(int width, int height, int[] figure) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean in = isFigure(figure, x, y);
        int[] c = in ? FIGURE_RGB : BACKGROUND_RGB;
        for (int k = 0; k < 3; k++) {
          rgb[(y * width + x) * 3 + k] = (byte) c[k];
        }
      }
    }
    return new RgbImage(width, height, rgb);
  }

  public static boolean isFigure(int[] figure, int x, int y) {
    return x >= figure[0] && x < figure[0] + figure[2] && y >= figure[1] && y < figure[1] + figure[3];
  }

  /** IoU of the mask (at 50%) with the figure. */
  public static double iou(AlphaMask mask, int[] figure) {
    long inter = 0;
    long union = 0;
    for (int y = 0; y < mask.height(); y++) {
      for (int x = 0; x < mask.width(); x++) {
        boolean predicted = mask.at(x, y) >= 128;
        boolean truth = TinyModels.isFigure(figure, x, y);
        inter += predicted && truth ? 1 : 0;
        union += predicted || truth ? 1 : 0;
      }
    }
    return (double) inter / union;
  }

  /** The picture as PNG bytes. */
  public static byte[] png(RgbImage image) throws IOException {
    BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    byte[] rgb = image.rgb();
    for (int i = 0; i < image.width() * image.height(); i++) {
      b.setRGB(i % image.width(), i / image.width(),
          (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | rgb[3 * i + 2] & 0xff);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(b, "png", out);
    return out.toByteArray();
  }

  private static NodeProto.Builder node(String op, List<String> inputs, String output) {
    return NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addAllInput(inputs).addOutput(output);
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static TensorProto tensor(String name, float[] values, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    return t.build();
  }

  private static ValueInfoProto valueInfo(String name, List<Long> shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    List<String> params = new ArrayList<>(List.of("n", "a", "b", "c"));
    for (int i = 0; i < shape.size(); i++) {
      long d = shape.get(i);
      dims.addDim(d > 0
          ? TensorShapeProto.Dimension.newBuilder().setDimValue(d)
          : TensorShapeProto.Dimension.newBuilder().setDimParam(name + "_" + params.get(i)));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(dims)))
        .build();
  }
}
