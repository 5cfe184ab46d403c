package io.humanseg.model.cli;

import io.humanseg.card.ModelCard;
import io.humanseg.model.catalog.CardTemplates;
import io.humanseg.model.catalog.ModelInstaller;
import io.humanseg.model.fetch.FetchSettings;
import io.humanseg.model.fetch.NpmPackageFetcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code humanseg models fetch NAME}: download, verify and convert a named model into a models folder. */
@Command(
    name = "fetch",
    description = "Download, verify and convert a named model into a models folder (<dir>/<name>/model.onnx + card.json).",
    mixinStandardHelpOptions = true)
final class FetchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--dir", defaultValue = "models", description = "models folder (default ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--registry", description = "npm registry base URL (default: $HUMANSEG_NPM_REGISTRY or the public registry)")
  String registry;

  @Option(names = "--cache", description = "download cache (default: $HUMANSEG_CACHE or ~/.cache/humanseg)")
  String cache;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CardTemplates templates = CardTemplates.load();
    ModelCard template = templates.find(name).orElse(null);
    if (template == null) {
      spec.commandLine().getErr().printf(
          "unknown model '%s'; known: %s%n", name, templates.all().stream().map(ModelCard::name).toList());
      return 2;
    }
    ModelCard card =
        new ModelInstaller(new NpmPackageFetcher(FetchSettings.resolve(registry, cache))).install(template, dir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("fetched %s into %s%n", card.name(), dir.resolve(card.name()));
    out.flush();
    return 0;
  }
}
