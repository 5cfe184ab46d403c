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
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for one model card. Runs a single input tensor laid out as the card says and
 * returns the card's output tensor with its actual shape (models with dynamic sizes answer in the size they
 * were given). Thread-safe: ORT sessions accept concurrent {@code run} calls, and each thread fills its own
 * direct input buffer, which ORT reads without copying.
 */
public final class OnnxModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);

  private final ModelCard card;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final ExecutionProvider provider;
  /** The card's input shape; -1 where the model takes any size. */
  private final long[] inputShape;
  /** Each thread's input buffer, replaced by a larger one when a bigger input comes. */
  private final ThreadLocal<FloatBuffer> inputBuffers = new ThreadLocal<>();
  /** Holders of this session: its owner plus each run in flight. The session closes when it reaches 0. */
  private final AtomicInteger holders = new AtomicInteger(1);

  private OnnxModel(ModelCard card, OrtEnvironment env, OrtSession session, ExecutionProvider provider) {
    this.card = card;
    this.env = env;
    this.session = session;
    this.provider = provider;
    this.inputShape = card.input().shape().stream().mapToLong(Long::longValue).toArray();
  }

  /** Opens a CPU session (see {@link SessionFactory}). */
  public static OnnxModel load(ModelCard card, byte[] onnx, int intraOpThreads) {
    return load(card, onnx, new InferenceConfig(intraOpThreads, 1));
  }

  public static OnnxModel load(ModelCard card, byte[] onnx, InferenceConfig config) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long start = System.nanoTime();
    try {
      SessionFactory.Opened opened = SessionFactory.open(env, card.name(), onnx, config);
      OnnxModel model = new OnnxModel(card, env, opened.session(), opened.provider());
      model.logMetadata((System.nanoTime() - start) / 1_000_000);
      return model;
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load model " + card.name() + ": " + e.getMessage(), e);
    }
  }

  /** Fails at once when {@code provider} is {@code cuda} and CUDA cannot be loaded here (see {@link SessionFactory}). */
  public static void requireUsable(ExecutionProvider provider) {
    SessionFactory.requireUsable(provider);
  }

  /** Where this session runs: {@link ExecutionProvider#CPU} or {@link ExecutionProvider#CUDA}. */
  public ExecutionProvider executionProvider() {
    return provider;
  }

  public ModelCard card() {
    return card;
  }

  /** Runs a model with a fixed input shape (the card's) and returns the output values. */
  public float[] run(float[] input) {
    return run(input, inputShape).values();
  }

  /**
   * Runs the model on one input tensor.
   *
   * @param shape the tensor's shape: the card's, with its dynamic (-1) dimensions filled in
   */
  public ModelOutput run(float[] input, long[] shape) {
    checkShape(shape);
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    if (input.length != size) {
      throw new IllegalArgumentException(
          "input has " + input.length + " values, shape " + Arrays.toString(shape) + " needs " + size);
    }
    FloatBuffer buffer = inputBuffers.get();
    if (buffer == null || buffer.capacity() < input.length) {
      buffer = ByteBuffer.allocateDirect(input.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
      inputBuffers.set(buffer);
    }
    buffer.clear();
    buffer.put(input).flip();
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape);
        OrtSession.Result result =
            session.run(Map.of(card.input().name(), tensor), Set.of(card.output().name()))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      FloatBuffer values = out.getFloatBuffer();
      float[] copy = new float[values.remaining()];
      values.get(copy);
      return new ModelOutput(copy, out.getInfo().getShape());
    } catch (OrtException e) {
      throw new IllegalStateException("inference failed on model " + card.name() + ": " + e.getMessage(), e);
    }
  }

  private void checkShape(long[] shape) {
    boolean ok = shape.length == inputShape.length;
    for (int i = 0; ok && i < shape.length; i++) {
      ok = shape[i] > 0 && (inputShape[i] == -1 || inputShape[i] == shape[i]);
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "input shape " + Arrays.toString(shape) + " does not fit model " + card.name() + "'s "
              + Arrays.toString(inputShape));
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
        "model {} loaded in {} ms on {} (producer {}, graph {})", card.name(), loadMillis, provider.id(),
        session.getMetadata().getProducerName(), session.getMetadata().getGraphName());
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
