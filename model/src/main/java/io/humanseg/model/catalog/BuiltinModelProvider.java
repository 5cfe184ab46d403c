package io.humanseg.model.catalog;

import io.humanseg.card.ModelCard;
import io.humanseg.inference.ModelProvider;
import io.humanseg.inference.UnknownModelException;
import java.util.List;

/** The built-in models as a {@link ModelProvider} for the inference library. */
public final class BuiltinModelProvider implements ModelProvider {
  private final List<ModelCard> cards = BuiltinModels.cards();
  private final String defaultName = BuiltinModels.defaultName();

  @Override
  public String defaultName() {
    return defaultName;
  }

  @Override
  public List<ModelCard> cards() {
    return cards;
  }

  @Override
  public ModelCard card(String name) {
    return cards.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new UnknownModelException(name, cards.stream().map(ModelCard::name).toList()));
  }

  @Override
  public byte[] onnx(String name) {
    card(name);
    return BuiltinModels.onnx(name);
  }
}
