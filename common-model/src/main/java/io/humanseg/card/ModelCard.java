package io.humanseg.card;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything the pipeline needs to know to run a segmentation model without code: where the weights came
 * from, what the input tensor expects and what the output tensor means. Cards are JSON files
 * ({@code models/<name>/card.json}) read by {@link ModelCards}.
 *
 * @param name short unique name used on the command line and in requests
 * @param description one line for people
 * @param license SPDX id of the weights' licence
 * @param file the ONNX file, relative to the card
 * @param source where the weights were downloaded from and how they were verified
 * @param conversion how the ONNX file was produced, or null when it is used as downloaded
 * @param input the input tensor
 * @param output the output tensor
 * @param resize the recommended way to fit an image to the input
 * @param pipeline what the pipeline does by default with this model (flags and request options override it);
 *     null for the pipeline's own defaults
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
    String name,
    String description,
    String license,
    String file,
    Source source,
    Conversion conversion,
    Input input,
    Output output,
    Resize resize,
    Pipeline pipeline) {

  public ModelCard(
      String name, String description, String license, String file, Source source, Conversion conversion,
      Input input, Output output, Resize resize) {
    this(name, description, license, file, source, conversion, input, output, resize, null);
  }

  /** Whether a second pass on the subject runs when a call does not say: the card's choice, else yes. */
  public boolean secondPassByDefault() {
    return pipeline == null || pipeline.secondPass() == null || pipeline.secondPass();
  }

  /**
   * Pipeline defaults for one model, measured on the evaluation sets (see QUALITY.md).
   *
   * @param secondPass run the second pass on the subject's crop; it helps low-resolution models see small
   *     people, and can hurt models that already see the photo at high resolution
   * @param note why, for people
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Pipeline(Boolean secondPass, String note) {}

  /**
   * Where the weights come from: a registry package pinned by version and integrity.
   *
   * @param file the model file inside the package tarball, or the chunk manifest when {@code resource} is set
   * @param sha256 of the model file (after reassembly for chunked resources)
   * @param resource for packages that ship a model as chunks listed in a manifest ({@code resources.json}):
   *     the manifest key whose chunks are concatenated, such as {@code /models/medium}; null otherwise
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Source(
      String registry, String packageName, String version, String integrity, String file, String sha256,
      String resource) {
    public Source(String registry, String packageName, String version, String integrity, String file, String sha256) {
      this(registry, packageName, version, integrity, file, sha256, null);
    }
  }

  /** How the ONNX file was made from the source file. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Conversion(String converter, String from, String layout, int opset, String onnxSha256) {}

  /**
   * The input tensor. Pixel values are fed as {@code (value * scale - mean[c]) / std[c]} with value the 8-bit
   * channel in {@code colorOrder}.
   *
   * @param layout NCHW or NHWC
   * @param shape the full tensor shape, batch first; -1 marks a dimension the model accepts at any size
   * @param colorOrder RGB or BGR
   * @param size how an image is sized for the input; null means {@link Size#FIXED}, the shape's own width
   *     and height
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Input(
      String name, String layout, List<Long> shape, String colorOrder, double scale, List<Double> mean,
      List<Double> std, Size size) {

    public Input(
        String name, String layout, List<Long> shape, String colorOrder, double scale, List<Double> mean,
        List<Double> std) {
      this(name, layout, shape, colorOrder, scale, mean, std, null);
    }

    /** Width in the shape (-1 when dynamic). */
    public int width() {
      return (int) (long) shape.get("NCHW".equals(layout) ? 3 : 2);
    }

    /** Height in the shape (-1 when dynamic). */
    public int height() {
      return (int) (long) shape.get("NCHW".equals(layout) ? 2 : 1);
    }

    /** The size policy, {@link Size#FIXED} when the card names none. */
    public Size sizePolicy() {
      return size == null ? Size.FIXED : size;
    }
  }

  /**
   * How the image (or the region a pass looks at) is sized for a model's input.
   *
   * <ul>
   *   <li>{@code fixed}: always the shape's width x height (the image is stretched or letterboxed);
   *   <li>{@code height}: {@code height} rows, width keeping the aspect ratio, rounded to {@code multiple};
   *   <li>{@code longest}: the longer side {@code side} px, the other keeping the aspect ratio, both rounded to
   *       {@code multiple}.
   * </ul>
   *
   * @param multiple round computed sides to a multiple of this (networks with 5 stride-2 stages need 32);
   *     null means 1
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Size(String policy, Integer height, Integer side, Integer multiple) {
    public static final Size FIXED = new Size("fixed", null, null, null);

    public int multipleOrOne() {
      return multiple == null ? 1 : multiple;
    }
  }

  /**
   * The output tensor.
   *
   * @param activation what turns the raw values into a probability: none (already a probability), sigmoid,
   *     softmax (over channels, take {@code channel}) or minmax (per-image min-max normalisation)
   * @param channel which channel holds the person
   * @param meaning one line for people
   */
  public record Output(
      String name, String layout, List<Long> shape, String activation, int channel, String meaning) {}

  /**
   * The recommended resize policy.
   *
   * @param policy stretch (ignore aspect ratio) or letterbox (keep it, pad)
   * @param interpolation how to shrink the image to the input (area or bilinear)
   */
  public record Resize(String policy, String interpolation, String note) {}
}
