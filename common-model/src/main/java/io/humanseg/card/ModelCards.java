package io.humanseg.card;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link ModelCard}s as JSON; unknown fields are errors so a misspelt key is caught. */
public final class ModelCards {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** The output activations the pipeline knows (see {@link ModelCard.Output}). */
  public static final java.util.List<String> ACTIVATIONS = java.util.List.of("none", "sigmoid", "softmax", "minmax");

  private ModelCards() {}

  public static ModelCard read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model card " + file + ": " + e.getMessage(), e);
    }
  }

  public static ModelCard read(InputStream in, String where) {
    try {
      ModelCard card = JSON.readValue(in, ModelCard.class);
      validate(card, where);
      return card;
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid model card " + where + ": " + e.getMessage(), e);
    }
  }

  public static String toJson(ModelCard card) {
    try {
      return JSON.writeValueAsString(card);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(ModelCard card, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, toJson(card) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model card " + file + ": " + e.getMessage(), e);
    }
  }

  private static void validate(ModelCard card, String where) {
    require(card.name() != null && card.name().matches("[a-z0-9][a-z0-9._-]*"), where, "name must be lower-case [a-z0-9._-]");
    require(card.input() != null && card.output() != null, where, "input and output are required");
    require(card.input().shape() != null && card.input().shape().size() == 4, where, "input.shape must have 4 dimensions");
    require("NCHW".equals(card.input().layout()) || "NHWC".equals(card.input().layout()), where, "input.layout must be NCHW or NHWC");
    require("RGB".equals(card.input().colorOrder()) || "BGR".equals(card.input().colorOrder()), where, "input.colorOrder must be RGB or BGR");
    require(card.input().mean() != null && card.input().mean().size() == 3, where, "input.mean needs 3 values");
    require(card.input().std() != null && card.input().std().size() == 3, where, "input.std needs 3 values");
    validateSize(card.input(), where);
    ModelCard.Output out = card.output();
    require(out.activation() == null || ACTIVATIONS.contains(out.activation()), where,
        "output.activation must be one of " + ACTIVATIONS);
    require(out.layout() == null || "NCHW".equals(out.layout()) || "NHWC".equals(out.layout()), where,
        "output.layout must be NCHW or NHWC");
    require(out.channel() >= 0, where, "output.channel must be >= 0");
  }

  private static void validateSize(ModelCard.Input in, String where) {
    ModelCard.Size size = in.sizePolicy();
    int w = in.width();
    int h = in.height();
    require(size.multiple() == null || size.multiple() >= 1, where, "input.size.multiple must be >= 1");
    switch (size.policy() == null ? "" : size.policy()) {
      case "fixed" -> require(w > 0 && h > 0, where, "input.size fixed needs a width and height in input.shape");
      case "height" -> {
        require(size.height() != null && size.height() > 0, where, "input.size height needs height > 0");
        require(h == -1 || h == size.height(), where, "input.shape height must be -1 or input.size.height");
        require(w == -1, where, "input.size height needs a dynamic width (-1) in input.shape");
      }
      case "longest" -> {
        require(size.side() != null && size.side() > 0, where, "input.size longest needs side > 0");
        require(w == -1 && h == -1, where, "input.size longest needs a dynamic width and height (-1) in input.shape");
      }
      default -> require(false, where, "input.size.policy must be fixed, height or longest");
    }
  }

  private static void require(boolean ok, String where, String what) {
    if (!ok) {
      throw new IllegalArgumentException("invalid model card " + where + ": " + what);
    }
  }
}
