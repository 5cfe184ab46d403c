package io.humanseg.inference;

import io.humanseg.card.ModelCard;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exactly one model: its card, and its ONNX bytes from wherever they live (a file beside the card, bytes a Spark
 * job shipped). Every other name is unknown.
 */
public final class CardModelProvider implements ModelProvider {
  private final ModelCard card;
  private final Supplier<byte[]> onnx;

  public CardModelProvider(ModelCard card, Supplier<byte[]> onnx) {
    this.card = card;
    this.onnx = onnx;
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
    card(name);
    return onnx.get();
  }
}
