package io.humanseg.model.build;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.model.fetch.FetchSettings;
import io.humanseg.model.fetch.NpmPackageFetcher;
import io.humanseg.model.install.ModelInstaller;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Build step of the model module (model/pom.xml runs it from these tools with exec-maven-plugin in
 * process-classes): installs every built-in model into that module's output folder so that its jar carries the
 * converted ONNX graphs. Opt-in templates
 * are never installed here: their licences keep them out of the jar. It throws rather than exits, because it
 * runs inside the Maven JVM.
 */
@Command(name = "build-builtin-models", mixinStandardHelpOptions = true)
public final class BuildBuiltinModels implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "models folder to write")
  Path out;

  @Option(names = "--registry", description = "npm registry base URL (empty: environment or default)")
  String registry;

  @Option(names = "--cache", description = "download cache folder (empty: environment or default)")
  String cache;

  public static void main(String[] args) throws Exception {
    CommandLine cli = new CommandLine(new BuildBuiltinModels());
    cli.parseArgs(args);
    cli.<BuildBuiltinModels>getCommand().call();
  }

  @Override
  public Integer call() {
    ModelInstaller installer = new ModelInstaller(new NpmPackageFetcher(FetchSettings.resolve(registry, cache)));
    for (ModelCard template : CardTemplates.load().builtin()) {
      installer.install(template, out);
    }
    return 0;
  }
}
