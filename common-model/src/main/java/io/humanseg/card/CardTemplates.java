package io.humanseg.card;

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
import java.util.stream.Stream;

/**
 * The cards of the models humanseg knows how to fetch and convert ({@code cards/*.json}, packaged in this jar):
 * each names its source package and the tensor contract the converted ONNX graph must meet.
 *
 * <p>{@code cards/index.json} lists two kinds: {@code models}, the built-in models converted at build time
 * and carried in the model jar; and {@code optIn}, models whose licence keeps them out of the jar, which a user
 * fetches explicitly and only after accepting that licence (the model tools' {@code LicenseGate}).
 *
 * <p>Here, below both of their readers: the model module looks up the built-in models (their order, the
 * default) in the index, and the model tools, built before the model module, fetch and convert from the
 * templates.
 */
public final class CardTemplates {
  private static final String INDEX = "cards/index.json";

  private final String defaultName;
  private final List<ModelCard> builtin;
  private final List<ModelCard> optIn;

  private CardTemplates(String defaultName, List<ModelCard> builtin, List<ModelCard> optIn) {
    this.defaultName = defaultName;
    this.builtin = List.copyOf(builtin);
    this.optIn = List.copyOf(optIn);
  }

  /** Loads the templates packaged with this module. */
  public static CardTemplates load() {
    try (InputStream in = resource(INDEX)) {
      JsonNode index = new ObjectMapper().readTree(in);
      return new CardTemplates(index.get("default").asText(), cards(index.get("models")), cards(index.path("optIn")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INDEX, e);
    }
  }

  private static List<ModelCard> cards(JsonNode names) throws IOException {
    List<ModelCard> cards = new ArrayList<>();
    for (JsonNode name : names) {
      String file = "cards/" + name.asText() + ".json";
      try (InputStream card = resource(file)) {
        cards.add(ModelCards.read(card, file));
      }
    }
    return cards;
  }

  public String defaultName() {
    return defaultName;
  }

  /** The built-in models, in index order. */
  public List<ModelCard> builtin() {
    return builtin;
  }

  /** The models fetched only on request, in index order. */
  public List<ModelCard> optIn() {
    return optIn;
  }

  public boolean isOptIn(String name) {
    return optIn.stream().anyMatch(c -> c.name().equals(name));
  }

  /** A built-in or opt-in template by name. */
  public Optional<ModelCard> find(String name) {
    return Stream.concat(builtin.stream(), optIn.stream()).filter(c -> c.name().equals(name)).findFirst();
  }

  /** Every name {@link #find} knows. */
  public List<String> names() {
    return Stream.concat(builtin.stream(), optIn.stream()).map(ModelCard::name).toList();
  }

  static InputStream resource(String path) throws IOException {
    InputStream in = CardTemplates.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException(path + " is missing from the classpath");
    }
    return in;
  }
}
