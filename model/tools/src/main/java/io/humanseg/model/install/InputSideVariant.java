package io.humanseg.model.install;

import io.humanseg.card.ModelCard;
import java.util.ArrayList;
import java.util.List;

/**
 * The card of a model rewritten to another square input side ({@code models fetch NAME --size S}): named
 * {@code NAME-S}, with the same source, licence, normalisation and pipeline, and input and output shapes of
 * side S. The graph itself is rewritten by {@code InputSizeRewriter}.
 *
 * <p>Why a new name rather than replacing the model: the variant gives different masks at a different speed
 * (QUALITY.md), so evaluations, {@code auto} and requests must be able to tell the two apart.
 */
public final class InputSideVariant {
  private InputSideVariant() {}

  /** {@code isnet} at 768 is {@code isnet-768}. */
  public static String name(String base, int side) {
    return base + "-" + side;
  }

  /**
   * The template of {@code template} at {@code side}.
   *
   * @throws IllegalArgumentException when the template's input is not a fixed square
   */
  public static ModelCard of(ModelCard template, int side) {
    ModelCard.Input in = template.input();
    int original = in.width();
    if (original <= 0 || in.height() != original || in.size() != null) {
      throw new IllegalArgumentException(
          template.name() + " does not take a fixed square input (" + in.shape() + "); --size applies to models that do");
    }
    String from = original + "x" + original;
    String to = side + "x" + side;
    ModelCard.Input input =
        new ModelCard.Input(
            in.name(), in.layout(), scaled(in.shape(), in.layout(), side, original), in.colorOrder(), in.scale(), in.mean(),
            in.std(), in.size());
    ModelCard.Output out = template.output();
    ModelCard.Output output =
        new ModelCard.Output(
            out.name(), out.layout(), scaled(out.shape(), out.layout(), side, original), out.activation(), out.channel(),
            out.meaning());
    ModelCard.Resize r = template.resize();
    ModelCard.Resize resize =
        new ModelCard.Resize(r.policy(), r.interpolation(), r.note() == null ? null : r.note().replaceFirst(from, to));
    String description =
        template.description().contains(from)
            ? template.description().replaceFirst(from, to + " (its " + from + " graph rewritten, same weights)")
            : template.description() + "; graph rewritten to " + to + ", same weights";
    // No conversion record: the template's records the hash of the original side's graph.
    return new ModelCard(
        name(template.name(), side), description, template.license(), template.file(), template.source(), null, input,
        output, resize, template.pipeline());
  }

  /** Spatial dimensions scaled by side / original, as the rewriter scales the graph's (-1 stays -1). */
  private static List<Long> scaled(List<Long> shape, String layout, int side, int original) {
    List<Long> s = new ArrayList<>(shape);
    int h = "NCHW".equals(layout) ? 2 : 1;
    for (int axis = h; axis <= h + 1; axis++) {
      if (s.get(axis) > 0) {
        s.set(axis, s.get(axis) * side / original);
      }
    }
    return List.copyOf(s);
  }
}
