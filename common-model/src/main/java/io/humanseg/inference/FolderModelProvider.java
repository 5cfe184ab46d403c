package io.humanseg.inference;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.card.ModelFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models installed in a folder, one sub-folder each with its {@code card.json} and the ONNX file the card
 * names: what {@code models fetch} writes and where users drop their own models. The folder is read again
 * (at most once a second) when a model is not found, so that a model fetched while the server runs is found
 * without a restart. A missing folder is an empty one.
 */
public final class FolderModelProvider implements ModelProvider {
  private static final Logger LOG = LoggerFactory.getLogger(FolderModelProvider.class);

  /** The folder used when none is given: {@code $HUMANSEG_MODELS_DIR}, else {@code models} in the working folder. */
  public static Path defaultDir() {
    String env = System.getenv("HUMANSEG_MODELS_DIR");
    return Path.of(env == null || env.isBlank() ? "models" : env.trim());
  }

  /** At most one rescan per second: requests naming unknown models must not turn into a disk scan each. */
  private static final long RESCAN_INTERVAL_NANOS = 1_000_000_000L;

  private final Path dir;
  private volatile List<ModelCard> cards;
  private volatile long lastRescan = System.nanoTime() - RESCAN_INTERVAL_NANOS;

  public FolderModelProvider(Path dir) {
    this.dir = dir;
    this.cards = scan(dir, true);
  }

  /** The first model by name; a folder has no default of its own, so this serves only when it stands alone. */
  @Override
  public String defaultName() {
    return cards().stream().findFirst().map(ModelCard::name)
        .orElseThrow(() -> new IllegalStateException("no models in " + dir));
  }

  @Override
  public List<ModelCard> cards() {
    return cards;
  }

  @Override
  public ModelCard card(String name) {
    return find(name).orElseGet(() -> {
      long now = System.nanoTime();
      if (now - lastRescan >= RESCAN_INTERVAL_NANOS) {
        lastRescan = now;
        cards = scan(dir, false);
      }
      return find(name).orElseThrow(
          () -> new UnknownModelException(name, cards.stream().map(ModelCard::name).toList()));
    });
  }

  @Override
  public byte[] onnx(String name) {
    return SingleModelProvider.readOnnx(dir.resolve(name), card(name));
  }

  private java.util.Optional<ModelCard> find(String name) {
    return cards.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The cards of the sub-folders.
   *
   * @param strict a broken card (or one whose name is not its folder's) fails the scan: at start-up a model
   *     that silently disappears from the list is harder to debug than an error. Later scans, made while
   *     serving, skip it with a warning so that one bad folder does not break requests for the others.
   */
  private static List<ModelCard> scan(Path dir, boolean strict) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ModelCard> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.sorted().toList()) {
        Path cardFile = child.resolve(ModelFolder.CARD_FILE);
        if (!Files.isRegularFile(cardFile)) {
          continue;
        }
        try {
          ModelCard card = ModelCards.read(cardFile);
          if (!card.name().equals(child.getFileName().toString())) {
            throw new IllegalArgumentException(
                "model card " + cardFile + " is named '" + card.name() + "' but its folder is '"
                    + child.getFileName() + "'; the folder must carry the model's name");
          }
          found.add(card);
        } catch (RuntimeException e) {
          if (strict) {
            throw e;
          }
          LOG.warn("skipping {}: {}", child, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list models in " + dir, e);
    }
    found.sort(Comparator.comparing(ModelCard::name));
    return List.copyOf(found);
  }
}
