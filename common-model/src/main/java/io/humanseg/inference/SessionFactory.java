package io.humanseg.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where ONNX Runtime session options are set, per execution provider. Every provider gets ORT's
 * full graph optimisation and the configured intra-op threads (CPU kernels, and CPU fallbacks of a CUDA graph);
 * CUDA adds its provider on device 0, in front of the CPU provider that ORT always keeps for unsupported nodes.
 */
final class SessionFactory {
  private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

  /** A session and the provider it runs on (CPU or CUDA, never AUTO). */
  record Opened(OrtSession session, ExecutionProvider provider) {}

  private SessionFactory() {}

  static Opened open(OrtEnvironment env, String model, byte[] onnx, InferenceConfig config) throws OrtException {
    return switch (config.executionProvider()) {
      case CPU -> new Opened(create(env, onnx, config, false), ExecutionProvider.CPU);
      case CUDA -> {
        try {
          yield new Opened(create(env, onnx, config, true), ExecutionProvider.CUDA);
        } catch (OrtException | UnsatisfiedLinkError e) {
          throw new CudaUnavailableException(model, e);
        }
      }
      case AUTO -> {
        try {
          Opened opened = new Opened(create(env, onnx, config, true), ExecutionProvider.CUDA);
          LOG.info("model {} runs on CUDA (execution provider auto)", model);
          yield opened;
        } catch (OrtException | UnsatisfiedLinkError e) {
          LOG.info("model {} runs on the CPU (execution provider auto; CUDA not usable: {})", model,
              CudaUnavailableException.firstLine(e));
          yield new Opened(create(env, onnx, config, false), ExecutionProvider.CPU);
        }
      }
    };
  }

  /**
   * Fails now, with {@link CudaUnavailableException}, when {@code cuda} is asked for and this build or machine
   * cannot load ONNX Runtime's CUDA provider (the CPU build, or no CUDA libraries): a start-up check, before any
   * model loads. A missing GPU behind present libraries still shows only when a session is made.
   */
  static void requireUsable(ExecutionProvider provider) {
    if (provider != ExecutionProvider.CUDA) {
      return;
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.addCUDA(0);
    } catch (OrtException | UnsatisfiedLinkError e) {
      throw new CudaUnavailableException(null, e);
    }
  }

  private static OrtSession create(OrtEnvironment env, byte[] onnx, InferenceConfig config, boolean cuda)
      throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(config.intraOpThreads());
      if (cuda) {
        options.addCUDA(0);
      }
      return env.createSession(onnx, options);
    }
  }

  /** {@code cuda} was asked for where it cannot run: one line for the operator, no stack trace needed. */
  public static final class CudaUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param model the model being loaded, or null for the start-up check */
    CudaUnavailableException(String model, Throwable cause) {
      super((model == null ? "" : "model " + model + ": ")
          + "execution provider cuda asked for, but CUDA is not usable here ("
          + firstLine(cause) + "); use the GPU build (-Pgpu: ONNX Runtime's GPU artifact, CUDA 12 and cuDNN 9) on a"
          + " machine with an NVIDIA GPU and driver, or set the execution provider to cpu or auto", cause);
    }

    static String firstLine(Throwable e) {
      String m = String.valueOf(e.getMessage());
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }
  }
}
