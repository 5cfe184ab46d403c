package io.humanseg.model.cli;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.model.fetch.FetchSettings;
import io.humanseg.model.fetch.NpmPackageFetcher;
import io.humanseg.model.install.LicenseGate;
import io.humanseg.model.install.ModelInstaller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code humanseg models fetch NAME}: download, verify and convert a named model into a models folder. Opt-in
 * models also need {@code --accept-license <their licence>} ({@link LicenseGate}); without it the command
 * prints one line and exits with {@link #LICENSE_NOT_ACCEPTED}. {@code --size S} installs the model's graph
 * rewritten to an S x S input instead, as {@code NAME-S} (same licence gate).
 */
@Command(
    name = "fetch",
    description = "Download, verify and convert a named model into a models folder (<dir>/<name>/model.onnx + card.json).",
    mixinStandardHelpOptions = true)
final class FetchCommand implements Callable<Integer> {
  /** Exit code of an unknown model name. */
  static final int UNKNOWN_MODEL = 2;
  /** Exit code of an opt-in model whose licence was not accepted. */
  static final int LICENSE_NOT_ACCEPTED = 3;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--dir", defaultValue = "models", description = "models folder (default ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--registry", description = "npm registry base URL (default: $HUMANSEG_NPM_REGISTRY or the public registry)")
  String registry;

  @Option(names = "--cache", description = "download cache (default: $HUMANSEG_CACHE or ~/.cache/humanseg)")
  String cache;

  @Option(
      names = LicenseGate.FLAG,
      paramLabel = "SPDX-ID",
      description = "accept the licence of an opt-in model (see 'models list'), such as AGPL-3.0")
  String acceptedLicense;

  @Option(
      names = "--size",
      paramLabel = "SIDE",
      description = "install the graph rewritten to a SIDE x SIDE input (same weights), as NAME-SIDE; for models with"
          + " a fixed square input, such as isnet (768 is faster and a little coarser; QUALITY.md)")
  Integer size;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CardTemplates templates = CardTemplates.load();
    ModelCard template = templates.find(name).orElse(null);
    if (template == null) {
      spec.commandLine().getErr().printf("unknown model '%s'; known: %s%n", name, templates.names());
      return UNKNOWN_MODEL;
    }
    Optional<String> refusal = LicenseGate.refusal(template, templates.isOptIn(name), acceptedLicense);
    if (refusal.isPresent()) {
      spec.commandLine().getErr().println(refusal.get());
      return LICENSE_NOT_ACCEPTED;
    }
    ModelInstaller installer = new ModelInstaller(new NpmPackageFetcher(FetchSettings.resolve(registry, cache)));
    ModelCard card = size == null ? installer.install(template, dir) : installer.install(template, dir, size);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("fetched %s into %s%n", card.name(), dir.resolve(card.name()));
    out.flush();
    return 0;
  }
}
