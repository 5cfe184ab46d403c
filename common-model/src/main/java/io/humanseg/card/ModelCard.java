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
    Resize resize) {

  /** Where the weights come from: a registry package pinned by version and integrity. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Source(
      String registry, String packageName, String version, String integrity, String file, String sha256) {}

  /** How the ONNX file was made from the source file. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Conversion(String converter, String from, String layout, int opset, String onnxSha256) {}

  /**
   * The input tensor. Pixel values are fed as {@code (value * scale - mean[c]) / std[c]} with value the 8-bit
   * channel in {@code colorOrder}.
   *
   * @param layout NCHW or NHWC
   * @param shape the full tensor shape, batch first
   * @param colorOrder RGB or BGR
   */
  public record Input(
      String name, String layout, List<Long> shape, String colorOrder, double scale, List<Double> mean,
      List<Double> std) {

    public int width() {
      return (int) (long) shape.get("NCHW".equals(layout) ? 3 : 2);
    }

    public int height() {
      return (int) (long) shape.get("NCHW".equals(layout) ? 2 : 1);
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
