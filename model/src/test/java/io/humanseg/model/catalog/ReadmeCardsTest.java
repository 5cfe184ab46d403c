package io.humanseg.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.segment.InputSize;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example cards in README.md are valid cards, and the built-in one says what the built-in card says. */
class ReadmeCardsTest {
  @Test
  void readmeCardsAreValidAndTrue() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("### Model cards"), readme.indexOf("## Run on Kubernetes"));
    List<ModelCard> cards = new ArrayList<>();
    Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (json.find()) {
      cards.add(ModelCards.read(new ByteArrayInputStream(json.group(1).getBytes(StandardCharsets.UTF_8)), "README"));
    }
    assertEquals(2, cards.size());

    ModelCard builtin = BuiltinModels.card(BuiltinModels.defaultName());
    assertEquals(builtin.name(), cards.get(0).name());
    assertEquals(builtin.input(), cards.get(0).input());
    assertEquals(builtin.output(), cards.get(0).output());

    ModelCard u2net = cards.get(1);
    assertEquals("minmax", u2net.output().activation());
    // A 1080p photo goes in as 1280 x 720; a portrait one keeps 720 rows too.
    assertEquals(new InputSize(1280, 720), InputSize.of(u2net.input(), 1920, 1080));
    assertEquals(new InputSize(416, 720), InputSize.of(u2net.input(), 1080, 1920));
  }
}
