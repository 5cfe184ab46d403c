package io.humanseg.spark;

import io.humanseg.inference.ModelProvider;
import io.humanseg.inference.ModelSelection;
import io.humanseg.inference.SingleModelProvider;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.model.catalog.InstalledModels;
import java.nio.file.Path;
import org.apache.spark.SparkContext;

/**
 * Gets the model {@code --model NAME|PATH} picks to every executor. Built-in models travel in the job's jar;
 * any other model's folder (its card and ONNX file) is added to the job with {@code SparkContext.addFile}, so
 * that executors on other machines read their own copy, found by folder name with {@code SparkFiles.get}.
 */
final class ModelShipping {
  /**
   * @param model the model's name
   * @param folder the folder to ship, or null for a built-in model
   */
  record Choice(String model, Path folder) {}

  private ModelShipping() {}

  /** Resolves the reference on the driver; unknown names and broken cards fail here, before any task runs. */
  static Choice resolve(String reference, Path modelsDir) {
    ModelProvider installed = InstalledModels.in(modelsDir);
    ModelSelection selection = ModelSelection.of(reference, installed);
    String name = selection.model() != null ? selection.model() : installed.defaultName();
    if (selection.models() != installed) {
      return new Choice(name, new SingleModelProvider(Path.of(reference)).folder());
    }
    boolean builtin = new BuiltinModelProvider().cards().stream().anyMatch(c -> c.name().equals(name));
    return new Choice(name, builtin ? null : modelsDir.resolve(name).toAbsolutePath());
  }

  /** Ships the chosen model's folder with the job; returns the name executors find it by, or null. */
  static String ship(Choice choice, SparkContext spark) {
    if (choice.folder() == null) {
      return null;
    }
    spark.addFile(choice.folder().toUri().toString(), true);
    return choice.folder().getFileName().toString();
  }
}
