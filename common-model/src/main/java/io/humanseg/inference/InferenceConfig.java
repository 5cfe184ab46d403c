package io.humanseg.inference;

/**
 * How ONNX Runtime sessions are made.
 *
 * @param intraOpThreads threads one inference may use; 1 suits servers and Spark tasks that already run one
 *     image per core, 0 lets ORT use every core for a single caller
 * @param useCuda try the CUDA execution provider first (falls back to CPU with one log line)
 * @param maxLoadedModels how many sessions stay open at once (least recently used is closed first)
 */
public record InferenceConfig(int intraOpThreads, boolean useCuda, int maxLoadedModels) {
  public InferenceConfig {
    if (intraOpThreads < 0 || maxLoadedModels < 1) {
      throw new IllegalArgumentException("intraOpThreads >= 0 and maxLoadedModels >= 1 required");
    }
  }

  public static InferenceConfig defaults() {
    return new InferenceConfig(1, false, 4);
  }
}
