package io.humanseg.spark;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.card.ModelFolder;
import io.humanseg.inference.CardModelProvider;
import io.humanseg.inference.ModelProvider;
import io.humanseg.inference.ModelSelection;
import io.humanseg.inference.SingleModelProvider;
import io.humanseg.inference.UnknownModelException;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.model.catalog.InstalledModels;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Gets the model {@code --model NAME|PATH} picks to every executor, on any cluster manager. Built-in models
 * travel in the job's jar. For any other model the driver reads its card, which travels as text inside the
 * task (a few hundred bytes), and its ONNX file, which travels as a broadcast variable: fetched once per
 * executor JVM, in pieces, from the driver and from other executors, on standalone, YARN and Kubernetes
 * alike, and needing no file system shared with the driver. Executors build the ONNX Runtime session from
 * those bytes. ({@code SparkContext.addFile} cannot do this: a folder works only in local mode, and on Spark 4
 * a file added outside the session's artifact scope never reaches the executors of a Dataset job.)
 */
final class ModelShipping {
  /**
   * What the driver decided.
   *
   * @param model the model's name
   * @param card the card of a model that is not built in, or null
   * @param onnx that model's ONNX file on the driver, or null
   */
  record Choice(String model, ModelCard card, Path onnx) {}

  /**
   * What travels to the executors with each task. Equal when the card and the broadcast are (each task
   * deserializes its own broadcast handle), so that an executor's pipelines are keyed by it.
   *
   * @param cardJson the model's card
   * @param onnx the model's ONNX bytes
   */
  record Shipped(String cardJson, Broadcast<byte[]> onnx) implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object o) {
      return o instanceof Shipped other && cardJson.equals(other.cardJson) && onnx.id() == other.onnx.id();
    }

    @Override
    public int hashCode() {
      return cardJson.hashCode() * 31 + Long.hashCode(onnx.id());
    }
  }

  private ModelShipping() {}

  /**
   * Resolves the reference on the driver; unknown names and broken cards fail here, before any task runs. For
   * {@code auto} the model to ship is its quality model, when that is installed and not built in; without it,
   * auto runs the default model alone, as the log says.
   */
  static Choice resolve(String reference, Path modelsDir, AutoModel auto) {
    if (AutoModel.isAuto(reference)) {
      String quality = auto.qualityModel();
      ModelProvider installed = InstalledModels.in(modelsDir);
      try {
        installed.card(quality);
      } catch (UnknownModelException e) {
        // Not a static logger: the job's main() chooses the logging configuration before Log4j first starts.
        org.slf4j.LoggerFactory.getLogger(ModelShipping.class).info("--model auto: the quality model '{}' is not installed in {}, so auto runs the default model"
            + " '{}' alone", quality, modelsDir, installed.defaultName());
        return new Choice(AutoModel.NAME, null, null);
      }
      Choice shipped = resolve(quality, modelsDir, auto);
      return new Choice(AutoModel.NAME, shipped.card(), shipped.onnx());
    }
    ModelProvider installed = InstalledModels.in(modelsDir);
    ModelSelection selection = ModelSelection.of(reference, installed);
    String name = selection.model() != null ? selection.model() : installed.defaultName();
    Path folder;
    if (selection.models() != installed) {
      folder = new SingleModelProvider(Path.of(reference)).folder();
    } else if (isBuiltin(name)) {
      return new Choice(name, null, null);
    } else {
      folder = modelsDir.resolve(name).toAbsolutePath();
    }
    ModelCard card = selection.models().card(name);
    Path onnx = folder.resolve(ModelFolder.onnxFile(card)).normalize();
    if (!Files.isRegularFile(onnx)) {
      throw new IllegalArgumentException("model " + name + ": no ONNX file at " + onnx);
    }
    return new Choice(name, card, onnx);
  }

  private static boolean isBuiltin(String name) {
    return new BuiltinModelProvider().cards().stream().anyMatch(c -> c.name().equals(name));
  }

  /** Broadcasts the chosen model; returns what tasks need, or null for a built-in model. */
  static Shipped ship(Choice choice, SparkContext spark) {
    if (choice.card() == null) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(choice.onnx());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + choice.onnx(), e);
    }
    return new Shipped(ModelCards.toJson(choice.card()), JavaSparkContext.fromSparkContext(spark).broadcast(bytes));
  }

  /** Frees the broadcast copies on the driver and the executors once the run is over. */
  static void release(Shipped shipped) {
    if (shipped != null) {
      shipped.onnx().destroy();
    }
  }

  /** On an executor: the shipped model, its card from the task and its bytes from the broadcast. */
  static ModelProvider provider(Shipped shipped) {
    ModelCard card = ModelCards.read(new java.io.ByteArrayInputStream(
        shipped.cardJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "shipped with the job");
    return new CardModelProvider(card, shipped.onnx()::value);
  }
}
