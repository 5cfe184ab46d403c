package io.humanseg.spark;

import io.humanseg.image.ImageLimits;
import io.humanseg.inference.CompositeModelProvider;
import io.humanseg.inference.ExecutionProvider;
import io.humanseg.inference.ModelProvider;
import io.humanseg.model.catalog.BuiltinModelProvider;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.pipeline.SegmentationPipeline;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One pipeline (and so one ONNX Runtime session per model) per executor JVM, created lazily by the first task
 * that needs it and shared by every later task and concurrent task slot: tasks and partitions never load the
 * model again. Keyed by everything that shapes the pipeline, so that two jobs in one JVM with different
 * settings do not share one by mistake.
 */
final class Pipelines {
  /**
   * What a pipeline is built from.
   *
   * @param shipped the model shipped with the job (see {@link ModelShipping}), or null for a built-in one; with
   *     {@code auto}, its quality model when that is not built in
   * @param auto what {@code auto} runs
   */
  record Key(String model, ModelShipping.Shipped shipped, int threadsPerTask, int maxSide, long maxBytes,
      ExecutionProvider executionProvider, AutoModel auto)
      implements java.io.Serializable {}

  private static final ConcurrentMap<Key, SegmentationPipeline> PIPELINES = new ConcurrentHashMap<>();

  private Pipelines() {}

  static SegmentationPipeline get(Key key) {
    return PIPELINES.computeIfAbsent(key, Pipelines::create);
  }

  private static SegmentationPipeline create(Key key) {
    long pixels = Math.min((long) key.maxSide() * key.maxSide(), Integer.MAX_VALUE / 3);
    ImageLimits limits = ImageLimits.DEFAULT.withMaxSide(key.maxSide()).withMaxPixels(pixels)
        .withMaxBytes(key.maxBytes());
    boolean auto = AutoModel.isAuto(key.model());
    ModelProvider builtin = new BuiltinModelProvider();
    // A shipped model comes first, so that its name wins; with auto, the built-in ones do, so that the default
    // model stays the built-in default and the shipped one is the quality model.
    ModelProvider models = key.shipped() == null ? builtin
        : new CompositeModelProvider(auto ? List.of(builtin, ModelShipping.provider(key.shipped()))
            : List.of(ModelShipping.provider(key.shipped()), builtin));
    SegmentationPipeline pipeline = SegmentationPipeline.on(models).intraOpThreads(key.threadsPerTask())
        .maxLoadedModels(2).limits(limits).executionProvider(key.executionProvider()).auto(key.auto()).build();
    // Loaded now, before the task's first image: a model that cannot load here (cuda without CUDA) fails the
    // task, and so the job, with its reason, instead of turning every image into an error row.
    pipeline.segmenter().sessions().load(auto ? models.defaultName() : key.model());
    return pipeline;
  }
}
