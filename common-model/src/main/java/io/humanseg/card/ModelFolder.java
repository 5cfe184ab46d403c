package io.humanseg.card;

/**
 * How a model lies in a folder: {@code <name>/card.json} beside the ONNX file its card names ({@code model.onnx}
 * when it names none). The model tools' installer writes it (into a models folder, and into the model jar at
 * build time); the models folder, a {@code --model PATH}, the built-in models and the Spark job read it.
 */
public final class ModelFolder {
  /** The card's file name in a model's folder. */
  public static final String CARD_FILE = "card.json";
  /** The ONNX file's name when the card names none, and the name the installer writes. */
  public static final String DEFAULT_ONNX_FILE = "model.onnx";

  private ModelFolder() {}

  /** The ONNX file of {@code card}, relative to its folder. */
  public static String onnxFile(ModelCard card) {
    return card.file() == null ? DEFAULT_ONNX_FILE : card.file();
  }
}
