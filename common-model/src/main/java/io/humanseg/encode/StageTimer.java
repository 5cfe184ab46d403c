package io.humanseg.encode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects per-stage milliseconds for {@link SegmentationMetadata#timingsMs()}, in the order stages ran. One per
 * request; not thread-safe.
 */
public final class StageTimer {
  private final Map<String, Double> millis = new LinkedHashMap<>();
  private long start = System.nanoTime();

  /** Ends the stage that began at the previous mark (or at construction) and names it. */
  public void mark(String stage) {
    long now = System.nanoTime();
    millis.merge(stage, (now - start) / 1e6, Double::sum);
    start = now;
  }

  public Map<String, Double> millis() {
    return new LinkedHashMap<>(millis);
  }
}
