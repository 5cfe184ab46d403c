package io.humanseg.inference;

/**
 * How ONNX Runtime sessions are made. Build pipelines with {@code SegmentationPipeline.on(models)}, which names
 * these settings.
 *
 * @param intraOpThreads threads one inference may use; 1 suits servers and Spark tasks that already run one
 *     image per core, 0 lets ORT use every core for a single caller
 * @param maxLoadedModels how many sessions stay open at once (least recently used is closed first)
 * @param executionProvider where sessions run (see {@link ExecutionProvider})
 */
public record InferenceConfig(int intraOpThreads, int maxLoadedModels, ExecutionProvider executionProvider) {
  public InferenceConfig {
    if (intraOpThreads < 0 || maxLoadedModels < 1 || executionProvider == null) {
      throw new IllegalArgumentException(
          "intraOpThreads >= 0, maxLoadedModels >= 1 and an execution provider required");
    }
  }

  /** On the CPU. */
  public InferenceConfig(int intraOpThreads, int maxLoadedModels) {
    this(intraOpThreads, maxLoadedModels, ExecutionProvider.CPU);
  }

  public static InferenceConfig defaults() {
    return new InferenceConfig(1, 4);
  }

  public InferenceConfig withIntraOpThreads(int threads) {
    return new InferenceConfig(threads, maxLoadedModels, executionProvider);
  }

  public InferenceConfig withMaxLoadedModels(int models) {
    return new InferenceConfig(intraOpThreads, models, executionProvider);
  }

  public InferenceConfig withExecutionProvider(ExecutionProvider provider) {
    return new InferenceConfig(intraOpThreads, maxLoadedModels, provider);
  }
}
