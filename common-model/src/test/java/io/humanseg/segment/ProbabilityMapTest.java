package io.humanseg.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.humanseg.card.ModelCard;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbabilityMapTest {
  private static ModelCard.Output output(String layout, int channels, String activation, int channel) {
    List<Long> shape = "NCHW".equals(layout) ? List.of(1L, (long) channels, 1L, 2L) : List.of(1L, 1L, 2L, (long) channels);
    return new ModelCard.Output("y", layout, shape, activation, channel, "person");
  }

  @Test
  void sigmoid() {
    ProbabilityMap m = ProbabilityMap.fromOutput(new float[] {0, 2}, output("NCHW", 1, "sigmoid", 0), false);
    assertArrayEquals(new float[] {0.5f, (float) (1 / (1 + Math.exp(-2)))}, m.values(), 1e-6f);
  }

  @Test
  void softmaxPicksTheChannelInEitherLayout() {
    float[] nchw = {0, 0, 0, Float.parseFloat("1e9")}; // channel 0 = [0, 0], channel 1 = [0, big]
    ProbabilityMap m = ProbabilityMap.fromOutput(nchw, output("NCHW", 2, "softmax", 1), false);
    assertArrayEquals(new float[] {0.5f, 1f}, m.values(), 1e-6f);
    float[] nhwc = {0, 0, 0, 1e9f};
    m = ProbabilityMap.fromOutput(nhwc, output("NHWC", 2, "softmax", 1), false);
    assertArrayEquals(new float[] {0.5f, 1f}, m.values(), 1e-6f);
  }

  @Test
  void minMaxStretchesToUnitRange() {
    ProbabilityMap m = ProbabilityMap.fromOutput(new float[] {3, 7}, output("NCHW", 1, "minmax", 0), false);
    assertArrayEquals(new float[] {0f, 1f}, m.values(), 1e-6f);
  }

  @Test
  void mirroredOutputIsFlippedBack() {
    ProbabilityMap m = ProbabilityMap.fromOutput(new float[] {0.1f, 0.9f}, output("NCHW", 1, "none", 0), true);
    assertArrayEquals(new float[] {0.9f, 0.1f}, m.values(), 1e-6f);
    assertEquals(0.5f, m.average(new ProbabilityMap(2, 1, new float[] {0.1f, 0.9f})).values()[0], 1e-6f);
  }

  @Test
  void unknownActivationIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> ProbabilityMap.fromOutput(new float[] {0, 1}, output("NCHW", 1, "tanh", 0), false));
  }

  @Test
  void readsTheShapeTheModelProducedNotTheCards() {
    // The card says 1x1 (a dynamic model's placeholder); the tensor is [1, 2, 3] without a channel axis.
    ModelCard.Output out = output("NCHW", 1, "none", 0);
    ProbabilityMap m = ProbabilityMap.fromOutput(new float[] {0, 1, 0, 1, 0, 1}, new long[] {1, 2, 3}, out, false);
    assertEquals(3, m.width());
    assertEquals(2, m.height());
    m = ProbabilityMap.fromOutput(new float[] {0.2f, 0.8f}, new long[] {1, 2}, out, false);
    assertEquals(2, m.width());
    assertThrows(IllegalArgumentException.class,
        () -> ProbabilityMap.fromOutput(new float[] {0, 1}, new long[] {1, 1, 1, 2}, output("NCHW", 1, "softmax", 1), false));
  }
}
