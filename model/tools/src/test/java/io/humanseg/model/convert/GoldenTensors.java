package io.humanseg.model.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.humanseg.model.fetch.BuiltinSources;
import io.humanseg.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The golden vectors in {@code shared/golden} (see its README) and the TFLite graphs they belong to. */
final class GoldenTensors {

  /** One model of {@code index.json}. */
  record GoldenModel(String key, String tfliteFile, String inputName, String outputName, int[] inputShape,
      List<GoldenCase> cases) {
    byte[] tflite() {
      return BuiltinSources.tflite(tfliteFile);
    }
  }

  /** One reference case: NHWC float32 input, the sigmoid output and the logits before it. */
  record GoldenCase(String name, Path input, Path output, Path logits) {
    /** Photos exercise the full sigmoid range; the synthetic inputs saturate it, so only their logits count. */
    boolean isPhoto() {
      return name.startsWith("photo");
    }
  }

  private GoldenTensors() {
  }

  static Path dir() {
    return SharedData.require("golden");
  }

  static List<GoldenModel> models() throws IOException {
    Path dir = dir();
    JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
    List<GoldenModel> models = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = index.get("models").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      JsonNode model = m.getValue();
      List<GoldenCase> cases = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> ci = model.get("cases").fields(); ci.hasNext(); ) {
        Map.Entry<String, JsonNode> c = ci.next();
        cases.add(new GoldenCase(c.getKey(), dir.resolve(c.getValue().get("input_file").asText()),
            dir.resolve(c.getValue().get("output_file").asText()),
            dir.resolve(c.getValue().get("logits_file").asText())));
      }
      JsonNode shape = model.get("input_shape");
      int[] inputShape = new int[shape.size()];
      for (int i = 0; i < inputShape.length; i++) {
        inputShape[i] = shape.get(i).asInt();
      }
      models.add(new GoldenModel(m.getKey(), model.get("model_file").asText(), model.get("input_name").asText(),
          model.get("output_name").asText(), inputShape, cases));
    }
    return models;
  }

  /** The op histogram that {@code model_ops.json} records for a .tflite file. */
  static Map<String, Integer> recordedHistogram(String tfliteFile) throws IOException {
    JsonNode ops = new ObjectMapper().readTree(dir().resolve("model_ops.json").toFile());
    for (JsonNode m : ops) {
      if (m.get("file").asText().endsWith("/" + tfliteFile)) {
        Map<String, Integer> histogram = new java.util.LinkedHashMap<>();
        m.get("op_histogram").fields().forEachRemaining(e -> histogram.put(e.getKey(), e.getValue().asInt()));
        return histogram;
      }
    }
    throw new IllegalStateException("model_ops.json lists no " + tfliteFile);
  }

  static float[] read(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(values);
    return values;
  }
}
