package io.humanseg.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.humanseg.card.ModelCard;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for one model card. Runs a single input tensor laid out as the card says and
 * returns the card's output tensor. Thread-safe: ORT sessions accept concurrent {@code run} calls, and each
 * thread fills its own direct input buffer, which ORT reads without copying.
 */
public final class OnnxModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);

  private final ModelCard card;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final long[] inputShape;
  private final int inputSize;
  private final ThreadLocal<FloatBuffer> inputBuffers;
  /** Holders of this session: its owner plus each run in flight. The session closes when it reaches 0. */
  private final AtomicInteger holders = new AtomicInteger(1);

  private OnnxModel(ModelCard card, OrtEnvironment env, OrtSession session) {
    this.card = card;
    this.env = env;
    this.session = session;
    this.inputShape = card.input().shape().stream().mapToLong(Long::longValue).toArray();
    long size = 1;
    for (long d : inputShape) {
      size *= d;
    }
    this.inputSize = Math.toIntExact(size);
    this.inputBuffers =
        ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(inputSize * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer());
  }

  /** Opens a CPU session with ORT's full graph optimisation. */
  public static OnnxModel load(ModelCard card, byte[] onnx, int intraOpThreads) {
    return load(card, onnx, new InferenceConfig(intraOpThreads, false, 1));
  }

  public static OnnxModel load(ModelCard card, byte[] onnx, InferenceConfig config) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long start = System.nanoTime();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(config.intraOpThreads());
      if (config.useCuda()) {
        try {
          options.addCUDA(0);
        } catch (OrtException | UnsatisfiedLinkError e) {
          LOG.warn("CUDA asked for but not available ({}); model {} runs on CPU", e.getMessage(), card.name());
        }
      }
      OrtSession session = env.createSession(onnx, options);
      OnnxModel model = new OnnxModel(card, env, session);
      model.logMetadata((System.nanoTime() - start) / 1_000_000);
      return model;
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load model " + card.name() + ": " + e.getMessage(), e);
    }
  }

  public ModelCard card() {
    return card;
  }

  /** Number of floats in the input tensor. */
  public int inputSize() {
    return inputSize;
  }

  /** Runs the model on one input tensor (the card's shape and layout) and returns the output values. */
  public float[] run(float[] input) {
    if (input.length != inputSize) {
      throw new IllegalArgumentException("input has " + input.length + " values, model wants " + inputSize);
    }
    FloatBuffer buffer = inputBuffers.get();
    buffer.clear();
    buffer.put(input).flip();
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, inputShape);
        OrtSession.Result result =
            session.run(Map.of(card.input().name(), tensor), Set.of(card.output().name()))) {
      FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] copy = new float[values.remaining()];
      values.get(copy);
      return copy;
    } catch (OrtException e) {
      throw new IllegalStateException("inference failed on model " + card.name() + ": " + e.getMessage(), e);
    }
  }

  private void logMetadata(long loadMillis) throws OrtException {
    for (NodeInfo i : session.getInputInfo().values()) {
      LOG.info("model {} input {}: {}", card.name(), i.getName(), i.getInfo());
    }
    for (NodeInfo o : session.getOutputInfo().values()) {
      LOG.info("model {} output {}: {}", card.name(), o.getName(), o.getInfo());
    }
    LOG.info(
        "model {} loaded in {} ms (producer {}, graph {})",
        card.name(), loadMillis, session.getMetadata().getProducerName(), session.getMetadata().getGraphName());
  }

  /** Takes a hold for one run; false when the session is already closed. */
  boolean retain() {
    for (int h = holders.get(); h > 0; h = holders.get()) {
      if (holders.compareAndSet(h, h + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Gives a hold back; the last one closes the native session. */
  void release() {
    if (holders.decrementAndGet() == 0) {
      try {
        session.close();
      } catch (OrtException e) {
        LOG.warn("closing model {}: {}", card.name(), e.getMessage());
      }
    }
  }

  /** Gives up the owner's hold: the session closes now, or when the last run in flight ends. */
  @Override
  public void close() {
    release();
  }
}
