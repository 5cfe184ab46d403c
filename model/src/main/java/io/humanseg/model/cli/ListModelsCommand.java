package io.humanseg.model.cli;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.model.catalog.BuiltinModels;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code humanseg models list}: the built-in models and their cards. */
@Command(name = "list", description = "List the built-in models.", mixinStandardHelpOptions = true)
final class ListModelsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print the full cards as JSON")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String defaultName = BuiltinModels.defaultName();
    for (ModelCard card : BuiltinModels.cards()) {
      if (json) {
        out.println(ModelCards.toJson(card));
        continue;
      }
      out.printf(
          "%-18s %-8s input %s %s %s, licence %s, from %s@%s%n  %s%n",
          card.name(), card.name().equals(defaultName) ? "default" : "",
          card.input().layout(), card.input().shape(), card.input().colorOrder(), card.license(),
          card.source().packageName(), card.source().version(), card.description());
    }
    out.flush();
    return 0;
  }
}
