package io.humanseg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.card.ModelCard;
import io.humanseg.image.ImageLimits;
import io.humanseg.inference.ExecutionProvider;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.inference.ModelProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The named settings of {@link SegmentationPipeline#on} reach the parts they are for. */
class PipelineBuilderTest {
  /** Building loads nothing, so no model is needed. */
  private static final ModelProvider NO_MODELS = new ModelProvider() {
    @Override
    public String defaultName() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ModelCard> cards() {
      return List.of();
    }

    @Override
    public ModelCard card(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] onnx(String name) {
      throw new UnsupportedOperationException();
    }
  };

  @Test
  void limitsReachTheDecoder() {
    ImageLimits limits = ImageLimits.DEFAULT.withMaxSide(1000);
    assertSame(limits, SegmentationPipeline.on(NO_MODELS).limits(limits).build().decoder().limits());
    assertSame(ImageLimits.DEFAULT, SegmentationPipeline.on(NO_MODELS).build().decoder().limits());
  }

  @Test
  void badSettingsAreRefusedWhenSet() {
    assertThrows(IllegalArgumentException.class, () -> SegmentationPipeline.on(NO_MODELS).intraOpThreads(-1));
    assertThrows(IllegalArgumentException.class, () -> SegmentationPipeline.on(NO_MODELS).maxLoadedModels(0));
  }

  @Test
  void theExecutionProviderIsANamedSettingOnTheCpuByDefault() {
    assertEquals(ExecutionProvider.CPU, new InferenceConfig(2, 3).executionProvider());
    assertEquals(new InferenceConfig(2, 3, ExecutionProvider.AUTO),
        new InferenceConfig(2, 3).withExecutionProvider(ExecutionProvider.AUTO));
    assertEquals(ExecutionProvider.CUDA, ExecutionProvider.parse(" Cuda "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse("gpu"));
    assertTrue(e.getMessage().contains("[cpu, cuda, auto]"), e.getMessage());
  }
}
