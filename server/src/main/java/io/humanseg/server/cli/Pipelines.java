package io.humanseg.server.cli;

import io.humanseg.cli.PipelineFactory;
import io.humanseg.inference.ExecutionProvider;
import io.humanseg.inference.ModelProvider;
import io.humanseg.inference.OnnxModel;
import io.humanseg.model.catalog.InstalledModels;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.pipeline.SegmentationPipeline;
import java.nio.file.Path;

/**
 * The pipeline the command-line tools run: built-in and installed models, default limits, ORT free to use
 * every core.
 */
final class Pipelines implements PipelineFactory {
  @Override
  public ModelProvider installedModels(Path modelsDir) {
    return InstalledModels.in(modelsDir);
  }

  @Override
  public SegmentationPipeline create(ModelProvider models, ExecutionProvider provider, AutoModel auto) {
    OnnxModel.requireUsable(provider);
    return SegmentationPipeline.on(models).intraOpThreads(0).maxLoadedModels(2).executionProvider(provider)
        .auto(auto).build();
  }
}
