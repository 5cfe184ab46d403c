package io.humanseg.inference;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.card.ModelFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One model given by the path of its card ({@code card.json}, or the folder holding it): the
 * {@code --model PATH} of the command line and the Spark job. The ONNX file is the card's {@code file},
 * relative to the card.
 */
public final class SingleModelProvider implements ModelProvider {
  private final Path folder;
  private final ModelCard card;
  private final CardModelProvider model;

  public SingleModelProvider(Path cardOrFolder) {
    Path cardFile = Files.isDirectory(cardOrFolder) ? cardOrFolder.resolve(ModelFolder.CARD_FILE) : cardOrFolder;
    if (cardFile.getFileName().toString().endsWith(".onnx")) {
      throw new IllegalArgumentException(
          cardOrFolder + " is an ONNX file; give its model card (or the folder holding card.json) instead:"
              + " the card says how to feed the model and read its output");
    }
    if (!Files.isRegularFile(cardFile)) {
      throw new IllegalArgumentException("no model card at " + cardFile);
    }
    this.card = ModelCards.read(cardFile);
    this.folder = cardFile.toAbsolutePath().getParent();
    this.model = new CardModelProvider(card, () -> readOnnx(folder, card));
  }

  /** The folder the card lives in (its ONNX file is relative to it). */
  public Path folder() {
    return folder;
  }

  @Override
  public String defaultName() {
    return model.defaultName();
  }

  @Override
  public List<ModelCard> cards() {
    return model.cards();
  }

  @Override
  public ModelCard card(String name) {
    return model.card(name);
  }

  @Override
  public byte[] onnx(String name) {
    return model.onnx(name);
  }

  static byte[] readOnnx(Path folder, ModelCard card) {
    String file = ModelFolder.onnxFile(card);
    Path onnx = folder.resolve(file).normalize();
    if (!onnx.startsWith(folder.normalize())) {
      throw new IllegalArgumentException("model card " + card.name() + " names a file outside its folder: " + file);
    }
    try {
      return Files.readAllBytes(onnx);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + onnx + " for model " + card.name() + ": " + e.getMessage(), e);
    }
  }
}
