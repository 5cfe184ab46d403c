package io.humanseg.inference;

/**
 * How ONNX Runtime sessions are made. Build pipelines with {@code SegmentationPipeline.on(models)}, which names
 * these settings.
 *
 * @param intraOpThreads threads one inference may use; 1 suits servers and Spark tasks that already run one
 *     image per core, 0 lets ORT use every core for a single caller
 * @param maxLoadedModels how many sessions stay open at once (least recently used is closed first)
 */
public record InferenceConfig(int intraOpThreads, int maxLoadedModels) {
  public InferenceConfig {
    if (intraOpThreads < 0 || maxLoadedModels < 1) {
      throw new IllegalArgumentException("intraOpThreads >= 0 and maxLoadedModels >= 1 required");
    }
  }

  /**
   * The old positional form. Sessions run on the CPU: {@code useCuda} was never set, and true is refused.
   *
   * @deprecated use {@link #InferenceConfig(int, int)} or {@code SegmentationPipeline.on(models)}
   */
  @Deprecated
  public InferenceConfig(int intraOpThreads, boolean useCuda, int maxLoadedModels) {
    this(intraOpThreads, maxLoadedModels);
    if (useCuda) {
      throw new IllegalArgumentException("CUDA is not supported: sessions run on the CPU");
    }
  }

  public static InferenceConfig defaults() {
    return new InferenceConfig(1, 4);
  }

  public InferenceConfig withIntraOpThreads(int threads) {
    return new InferenceConfig(threads, maxLoadedModels);
  }

  public InferenceConfig withMaxLoadedModels(int models) {
    return new InferenceConfig(intraOpThreads, models);
  }
}
