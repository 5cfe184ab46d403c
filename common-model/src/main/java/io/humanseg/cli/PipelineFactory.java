package io.humanseg.cli;

import io.humanseg.inference.ExecutionProvider;
import io.humanseg.inference.ModelProvider;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.pipeline.SegmentationPipeline;
import java.nio.file.Path;

/**
 * How the commands get their pipeline. The application that hosts the commands supplies it, because this
 * library does not know which models are built in.
 */
public interface PipelineFactory {
  /** The models known by name: the built-in ones and those installed in {@code modelsDir}. */
  ModelProvider installedModels(Path modelsDir);

  /**
   * A pipeline on these models, run where {@code provider} says (a {@code cuda} that cannot run fails here), with
   * {@code auto} as given.
   */
  SegmentationPipeline create(ModelProvider models, ExecutionProvider provider, AutoModel auto);
}
