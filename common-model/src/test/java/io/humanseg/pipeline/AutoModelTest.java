package io.humanseg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoModelTest {
  @Test
  void settingsComeFromTheEnvironmentOverTheDefaults() {
    assertEquals(AutoModel.defaults(), AutoModel.fromEnvironment(Map.of()));
    assertEquals(new AutoModel("my-model", 0.5), AutoModel.fromEnvironment(
        Map.of("HUMANSEG_AUTO_MODEL", " my-model ", "HUMANSEG_AUTO_THRESHOLD", "0.5")));
    assertEquals(new AutoModel(AutoModel.DEFAULT_QUALITY_MODEL, 0.25), AutoModel.of("", "0.25"));
  }

  @Test
  void badSettingsAreRefusedNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoModel.of(null, "high"));
    assertTrue(e.getMessage().contains("'high'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AutoModel.of(null, "1.5"));
    assertThrows(IllegalArgumentException.class, () -> AutoModel.of(null, "NaN"));
    assertThrows(IllegalArgumentException.class, () -> AutoModel.of("auto", null));
  }

  @Test
  void theNameAutoInAnyCase() {
    assertTrue(AutoModel.isAuto("auto"));
    assertTrue(AutoModel.isAuto("AUTO"));
    assertFalse(AutoModel.isAuto("selfie"));
    assertFalse(AutoModel.isAuto(null));
  }
}
