package io.humanseg.model.cli;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.card.ModelFolder;
import io.humanseg.inference.ModelProvider;
import io.humanseg.model.install.LicenseGate;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code humanseg models list}: the built-in models and their cards, then the opt-in models with the command
 * that fetches each and whether it is installed in the models folder.
 */
@Command(name = "list", description = "List the built-in models and the opt-in models that can be fetched.", mixinStandardHelpOptions = true)
final class ListModelsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print the full cards as JSON (templates for opt-in models not installed)")
  boolean json;

  @Option(names = "--dir", defaultValue = "models", description = "models folder opt-in models are fetched into (default ${DEFAULT-VALUE})")
  Path dir;

  @Spec CommandSpec spec;

  private final Supplier<? extends ModelProvider> builtin;

  ListModelsCommand(Supplier<? extends ModelProvider> builtin) {
    this.builtin = builtin;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ModelProvider models = builtin.get();
    String defaultName = models.defaultName();
    for (ModelCard card : models.cards()) {
      print(out, card, card.name().equals(defaultName) ? "default" : "");
    }
    for (ModelCard template : CardTemplates.load().optIn()) {
      Path installed = dir.resolve(template.name());
      boolean present =
          Files.isRegularFile(installed.resolve(ModelFolder.CARD_FILE))
              && Files.isRegularFile(installed.resolve(ModelFolder.DEFAULT_ONNX_FILE));
      if (json) {
        out.println(ModelCards.toJson(present ? ModelCards.read(installed.resolve(ModelFolder.CARD_FILE)) : template));
        continue;
      }
      print(out, template, "opt-in");
      out.printf(
          "  opt-in, fetch with: %s (%s)%n",
          LicenseGate.fetchCommand(template),
          present ? "installed in " + installed : "not installed in " + dir);
    }
    out.flush();
    return 0;
  }

  private void print(PrintWriter out, ModelCard card, String mark) {
    if (json) {
      out.println(ModelCards.toJson(card));
      return;
    }
    out.printf(
        "%-18s %-8s input %s %s %s, licence %s, from %s@%s%n  %s%n",
        card.name(), mark, card.input().layout(), card.input().shape(), card.input().colorOrder(), card.license(),
        card.source().packageName(), card.source().version(), card.description());
  }
}
