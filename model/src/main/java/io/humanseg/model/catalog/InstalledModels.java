package io.humanseg.model.catalog;

import io.humanseg.inference.CompositeModelProvider;
import io.humanseg.inference.FolderModelProvider;
import io.humanseg.inference.ModelProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * Every model known by name: the built-in ones first (the default among them), then those installed in a
 * models folder by {@code models fetch} or by hand. The server, the command line and the Spark job all see
 * the same list.
 */
public final class InstalledModels {
  private InstalledModels() {}

  public static ModelProvider in(Path modelsDir) {
    return new CompositeModelProvider(List.of(new BuiltinModelProvider(), new FolderModelProvider(modelsDir)));
  }
}
