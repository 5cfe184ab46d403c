package io.humanseg.inference;

import io.humanseg.card.ModelCard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sessions, one per model name, shared by every thread. At most {@code maxLoadedModels} stay open;
 * the least recently used is evicted when another is loaded, and its native session closes once the runs
 * in flight on it end. A session is loaded once even when many threads ask for it at the same time.
 */
public final class ModelSessions implements AutoCloseable {
  private final ModelProvider provider;
  private final InferenceConfig config;
  private final Map<String, OnnxModel> open;
  private final Map<String, Object> loadLocks = new ConcurrentHashMap<>();

  public ModelSessions(ModelProvider provider, InferenceConfig config) {
    this.provider = provider;
    this.config = config;
    this.open =
        new LinkedHashMap<>(8, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, OnnxModel> eldest) {
            if (size() > config.maxLoadedModels()) {
              eldest.getValue().close();
              return true;
            }
            return false;
          }
        };
  }

  public ModelProvider provider() {
    return provider;
  }

  /** The card of a loaded or loadable model. */
  public ModelCard card(String name) {
    return session(name).card();
  }

  /**
   * Runs one input tensor through a model, loading it on first use.
   *
   * @param shape the input's shape (the card's, with dynamic dimensions filled in)
   */
  public ModelOutput run(String name, float[] input, long[] shape) {
    while (true) {
      OnnxModel model = session(name);
      if (model.retain()) {
        try {
          return model.run(input, shape);
        } finally {
          model.release();
        }
      }
      // Evicted between lookup and retain: look it up (and load it) again.
    }
  }

  /** Loads a model now (at start-up, or to check that it loads). */
  public void load(String name) {
    session(name);
  }

  public boolean isLoaded(String name) {
    synchronized (open) {
      return open.containsKey(name);
    }
  }

  /** Where a loaded model runs, or null if it is not loaded. */
  public ExecutionProvider executionProvider(String name) {
    synchronized (open) {
      OnnxModel model = open.get(name);
      return model == null ? null : model.executionProvider();
    }
  }

  private OnnxModel session(String name) {
    synchronized (open) {
      OnnxModel model = open.get(name);
      if (model != null) {
        return model;
      }
    }
    synchronized (loadLocks.computeIfAbsent(name, n -> new Object())) {
      synchronized (open) {
        OnnxModel model = open.get(name);
        if (model != null) {
          return model;
        }
      }
      OnnxModel loaded = OnnxModel.load(provider.card(name), provider.onnx(name), config);
      synchronized (open) {
        open.put(name, loaded);
      }
      return loaded;
    }
  }

  @Override
  public void close() {
    synchronized (open) {
      open.values().forEach(OnnxModel::close);
      open.clear();
    }
  }
}
