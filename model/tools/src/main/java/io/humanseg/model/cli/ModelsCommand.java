package io.humanseg.model.cli;

import io.humanseg.inference.ModelProvider;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code humanseg models ...}: list, convert and fetch models. */
@Command(
    name = "models",
    description = "List the built-in models, convert TFLite graphs to ONNX, fetch models into a folder.",
    mixinStandardHelpOptions = true)
public final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private ModelsCommand() {}

  /**
   * The command with its subcommands, in the order its help lists them.
   *
   * @param builtin the built-in models that {@code models list} shows, asked for only when it runs. The caller
   *     passes them because they live in the model module, which is built after these tools and from them.
   */
  public static CommandLine commandLine(Supplier<? extends ModelProvider> builtin) {
    return new CommandLine(new ModelsCommand())
        .addSubcommand(new ListModelsCommand(builtin))
        .addSubcommand(new ConvertCommand())
        .addSubcommand(new FetchCommand());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
