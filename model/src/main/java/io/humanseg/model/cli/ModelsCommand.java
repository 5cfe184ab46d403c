package io.humanseg.model.cli;

import picocli.CommandLine.Command;

/** {@code humanseg models ...}: list, convert and fetch models. */
@Command(
    name = "models",
    description = "List the built-in models, convert TFLite graphs to ONNX, fetch models into a folder.",
    mixinStandardHelpOptions = true,
    subcommands = {ListModelsCommand.class, ConvertCommand.class, FetchCommand.class})
public final class ModelsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
