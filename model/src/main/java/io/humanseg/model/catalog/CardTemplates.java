package io.humanseg.model.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cards of the models humanseg knows how to fetch and convert ({@code cards/*.json} in the model jar):
 * each names its source package and the tensor contract the converted ONNX graph must meet.
 */
public final class CardTemplates {
  private static final String INDEX = "cards/index.json";

  private final String defaultName;
  private final List<ModelCard> templates;

  private CardTemplates(String defaultName, List<ModelCard> templates) {
    this.defaultName = defaultName;
    this.templates = List.copyOf(templates);
  }

  /** Loads the templates packaged with this module. */
  public static CardTemplates load() {
    try (InputStream in = resource(INDEX)) {
      JsonNode index = new ObjectMapper().readTree(in);
      List<ModelCard> cards = new ArrayList<>();
      for (JsonNode name : index.get("models")) {
        String file = "cards/" + name.asText() + ".json";
        try (InputStream card = resource(file)) {
          cards.add(ModelCards.read(card, file));
        }
      }
      return new CardTemplates(index.get("default").asText(), cards);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INDEX, e);
    }
  }

  public String defaultName() {
    return defaultName;
  }

  public List<ModelCard> all() {
    return templates;
  }

  public Optional<ModelCard> find(String name) {
    return templates.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  static InputStream resource(String path) throws IOException {
    InputStream in = CardTemplates.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException(path + " is missing from the classpath");
    }
    return in;
  }
}
