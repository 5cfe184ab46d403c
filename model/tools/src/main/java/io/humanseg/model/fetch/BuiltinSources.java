package io.humanseg.model.fetch;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.model.install.ModelInstaller;
import java.util.NoSuchElementException;

/** The verified source files (.tflite) of the built-in models, from the package cache. */
public final class BuiltinSources {
  private BuiltinSources() {}

  /** The bytes of a source file named like {@code selfie_segmentation.tflite}. */
  public static byte[] tflite(String fileName) {
    ModelCard template =
        CardTemplates.load().builtin().stream()
            .filter(c -> c.source().file().endsWith("/" + fileName))
            .findFirst()
            .orElseThrow(() -> new NoSuchElementException("no built-in model comes from " + fileName));
    return new ModelInstaller(new NpmPackageFetcher(FetchSettings.fromEnvironment())).sourceFile(template);
  }
}
