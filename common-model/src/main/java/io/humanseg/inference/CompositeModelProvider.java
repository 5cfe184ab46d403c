package io.humanseg.inference;

import io.humanseg.card.ModelCard;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Several providers as one, in order of priority: the first provider's default is the default, and a name
 * two providers know is served by the earlier one (so a user's model of a built-in name does not silently
 * replace the built-in unless it comes first).
 */
public final class CompositeModelProvider implements ModelProvider {
  private final List<ModelProvider> providers;

  public CompositeModelProvider(List<ModelProvider> providers) {
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("no model providers");
    }
    this.providers = List.copyOf(providers);
  }

  @Override
  public String defaultName() {
    return providers.get(0).defaultName();
  }

  @Override
  public List<ModelCard> cards() {
    List<ModelCard> all = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ModelProvider p : providers) {
      for (ModelCard c : p.cards()) {
        if (seen.add(c.name())) {
          all.add(c);
        }
      }
    }
    return all;
  }

  @Override
  public ModelCard card(String name) {
    return owner(name).card(name);
  }

  @Override
  public byte[] onnx(String name) {
    return owner(name).onnx(name);
  }

  private ModelProvider owner(String name) {
    for (ModelProvider p : providers) {
      try {
        p.card(name);
        return p;
      } catch (UnknownModelException e) {
        // try the next one
      }
    }
    throw new UnknownModelException(name, cards().stream().map(ModelCard::name).toList());
  }
}
