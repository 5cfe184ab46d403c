package io.humanseg.inference;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where ONNX Runtime runs a model: {@code cpu} (the default), {@code cuda} (NVIDIA GPU; a model that cannot get
 * it fails to load, with one line saying why), or {@code auto} (CUDA when this build and machine can, else CPU,
 * and the log and {@code /v1/models} say which). Only the GPU build ({@code -Pgpu}) can run CUDA.
 */
public enum ExecutionProvider {
  CPU, CUDA, AUTO;

  /** The provider named {@code value} in any case, or IllegalArgumentException listing the choices. */
  public static ExecutionProvider parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("execution provider must be one of "
          + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ", not '" + value + "'");
    }
  }

  /** Lower case, as settings and responses spell it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
