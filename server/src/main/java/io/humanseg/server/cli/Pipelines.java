package io.humanseg.server.cli;

import io.humanseg.encode.ResultEncoder;
import io.humanseg.image.ImageDecoder;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.Segmenter;

/** The pipeline the command-line tools run: built-in models, default limits, ORT free to use every core. */
final class Pipelines {
  private Pipelines() {}

  static SegmentationPipeline forCommandLine() {
    return new SegmentationPipeline(
        new ImageDecoder(),
        new Segmenter(new BuiltinModelProvider(), new InferenceConfig(0, false, 2)),
        new ResultEncoder());
  }
}
