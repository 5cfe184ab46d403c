package io.humanseg.inference;

import io.humanseg.card.ModelCard;
import java.util.List;

/**
 * Where models come from: the built-in ones (model module), a models folder, a user's card. The inference
 * library asks this interface and never depends on who implements it.
 */
public interface ModelProvider {
  /** The model used when a request names none. */
  String defaultName();

  /** Every model this provider can load, the default first. */
  List<ModelCard> cards();

  /** The card of a model; throws {@link UnknownModelException} if there is none of that name. */
  ModelCard card(String name);

  /** The ONNX bytes of a model. */
  byte[] onnx(String name);
}
