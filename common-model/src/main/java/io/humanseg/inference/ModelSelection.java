package io.humanseg.inference;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code --model NAME|PATH} picks: a model the providers know by name, or a model card on disk, which is
 * then added in front of them.
 *
 * @param models the providers to build the segmenter on
 * @param model the model's name, or null for the providers' default
 */
public record ModelSelection(ModelProvider models, String model) {

  /**
   * @param reference a model name, a path to a card (or its folder), or null
   * @param base the providers known without the reference (built-in models, the models folder)
   */
  public static ModelSelection of(String reference, ModelProvider base) {
    if (reference == null || reference.isBlank()) {
      return new ModelSelection(base, null);
    }
    if (!isPath(reference)) {
      base.card(reference); // unknown names fail here, with the list of known ones
      return new ModelSelection(base, reference);
    }
    SingleModelProvider single = new SingleModelProvider(Path.of(reference));
    return new ModelSelection(new CompositeModelProvider(List.of(single, base)), single.defaultName());
  }

  /**
   * Model names are lower-case words; anything with a separator or a file extension is a path (a card in the
   * current folder is {@code ./card.json}). A bare word is always a name, so a folder that happens to carry a
   * model's name never changes what a command means.
   */
  static boolean isPath(String reference) {
    return reference.contains("/") || reference.contains("\\") || reference.endsWith(".json")
        || reference.endsWith(".onnx");
  }
}
