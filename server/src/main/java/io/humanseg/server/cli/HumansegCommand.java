package io.humanseg.server.cli;

import io.humanseg.cli.AutoCurveCommand;
import io.humanseg.cli.EvalCommand;
import io.humanseg.cli.SegmentCommand;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.model.cli.ModelsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code humanseg} command. */
@Command(
    name = "humanseg",
    description = "Human image segmentation: a REST server and tools around it.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = ServeCommand.class)
public final class HumansegCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static CommandLine commandLine() {
    return new CommandLine(new HumansegCommand())
        // The model tools' commands list the built-in models of the model module, which they cannot depend on.
        .addSubcommand(ModelsCommand.commandLine(BuiltinModelProvider::new))
        .addSubcommand(new SegmentCommand(new Pipelines()))
        .addSubcommand(new EvalCommand(new Pipelines()))
        .addSubcommand(new AutoCurveCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        // A failed command prints one line a person can act on; the stack trace only with HUMANSEG_DEBUG=1.
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("humanseg " + cmd.getCommandName() + ": " + e.getMessage());
          if ("1".equals(System.getenv("HUMANSEG_DEBUG"))) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        });
  }

  /** Whether these arguments start the server (no arguments means serve). */
  public static boolean isServe(String[] args) {
    return args.length == 0 || "serve".equals(args[0]) && !java.util.Arrays.asList(args).contains("--help");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
