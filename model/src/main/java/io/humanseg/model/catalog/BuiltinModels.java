package io.humanseg.model.catalog;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.card.ModelFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The models converted at build time and packaged in the model jar as {@code models/<name>/model.onnx} and
 * {@code models/<name>/card.json}: what the server runs with no download.
 */
public final class BuiltinModels {
  private BuiltinModels() {}

  /** The name of the model used when none is asked for. */
  public static String defaultName() {
    return CardTemplates.load().defaultName();
  }

  /** The final cards of every built-in model, the default first. */
  public static List<ModelCard> cards() {
    CardTemplates templates = CardTemplates.load();
    return templates.builtin().stream()
        .map(t -> card(t.name()))
        .sorted((a, b) -> Boolean.compare(b.name().equals(templates.defaultName()), a.name().equals(templates.defaultName())))
        .toList();
  }

  public static ModelCard card(String name) {
    String path = "models/" + name + "/" + ModelFolder.CARD_FILE;
    try (InputStream in = open(path, name)) {
      return ModelCards.read(in, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ONNX bytes of a built-in model. */
  public static byte[] onnx(String name) {
    try (InputStream in = open("models/" + name + "/" + ModelFolder.DEFAULT_ONNX_FILE, name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String path, String name) {
    InputStream in = BuiltinModels.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new NoSuchElementException(
          "no built-in model '" + name + "' (" + path + " is not on the classpath; the model module's build"
              + " produces it)");
    }
    return in;
  }
}
