package io.humanseg.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.humanseg.card.ModelCard;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for one model card. Runs a single input tensor laid out as the card says and
 * returns the card's output tensor. Thread-safe: ORT sessions accept concurrent {@code run} calls.
 */
public final class OnnxModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);

  private final ModelCard card;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final long[] inputShape;

  private OnnxModel(ModelCard card, OrtEnvironment env, OrtSession session) {
    this.card = card;
    this.env = env;
    this.session = session;
    this.inputShape = card.input().shape().stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Opens a session on the model bytes.
   *
   * @param intraOpThreads threads ORT may use inside one inference; 0 lets ORT choose
   */
  public static OnnxModel load(ModelCard card, byte[] onnx, int intraOpThreads) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long start = System.nanoTime();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(intraOpThreads);
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

  /** Runs the model on one input tensor (the card's shape and layout) and returns the output values. */
  public float[] run(float[] input) {
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), inputShape);
        OrtSession.Result result =
            session.run(Map.of(card.input().name(), tensor), Set.of(card.output().name()))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      FloatBuffer values = out.getFloatBuffer();
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

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      LOG.warn("closing model {}: {}", card.name(), e.getMessage());
    }
  }
}
