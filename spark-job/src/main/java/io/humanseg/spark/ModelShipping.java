package io.humanseg.spark;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.inference.ModelProvider;
import io.humanseg.inference.ModelSelection;
import io.humanseg.inference.SingleModelProvider;
import io.humanseg.inference.UnknownModelException;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.model.catalog.InstalledModels;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;

/**
 * Gets the model {@code --model NAME|PATH} picks to every executor, on any cluster manager. Built-in models
 * travel in the job's jar. For any other model the driver reads its card and ships it as text inside the task
 * (it is a few hundred bytes), and adds the ONNX file alone with {@code SparkContext.addFile}: a single file
 * (unlike a folder, which only local mode accepts) is served by the driver and fetched once per executor JVM
 * on standalone, YARN and Kubernetes alike. Executors build the ONNX Runtime session from those bytes.
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
   * What travels to the executors with each task.
   *
   * @param cardJson the model's card
   * @param onnxFile the name under which {@link SparkFiles#get} finds its ONNX file
   */
  record Shipped(String cardJson, String onnxFile) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private ModelShipping() {}

  /** Resolves the reference on the driver; unknown names and broken cards fail here, before any task runs. */
  static Choice resolve(String reference, Path modelsDir) {
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
    Path onnx = folder.resolve(card.file() == null ? "model.onnx" : card.file()).normalize();
    if (!Files.isRegularFile(onnx)) {
      throw new IllegalArgumentException("model " + name + ": no ONNX file at " + onnx);
    }
    return new Choice(name, card, onnx);
  }

  private static boolean isBuiltin(String name) {
    return new BuiltinModelProvider().cards().stream().anyMatch(c -> c.name().equals(name));
  }

  /** Adds the chosen model's ONNX file to the job; returns what tasks need to find it, or null if built in. */
  static Shipped ship(Choice choice, SparkContext spark) {
    if (choice.card() == null) {
      return null;
    }
    spark.addFile(choice.onnx().toUri().toString());
    return new Shipped(ModelCards.toJson(choice.card()), choice.onnx().getFileName().toString());
  }

  /** On an executor: the shipped model, read from the job's files. */
  static final class ShippedModelProvider implements ModelProvider {
    private final ModelCard card;
    private final String onnxFile;

    ShippedModelProvider(Shipped shipped) {
      this.card = ModelCards.read(new java.io.ByteArrayInputStream(
          shipped.cardJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "shipped with the job");
      this.onnxFile = shipped.onnxFile();
    }

    @Override
    public String defaultName() {
      return card.name();
    }

    @Override
    public List<ModelCard> cards() {
      return List.of(card);
    }

    @Override
    public ModelCard card(String name) {
      if (!card.name().equals(name)) {
        throw new UnknownModelException(name, List.of(card.name()));
      }
      return card;
    }

    @Override
    public byte[] onnx(String name) {
      Path file = Path.of(SparkFiles.get(onnxFile));
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the shipped model file " + file, e);
      }
    }
  }
}
