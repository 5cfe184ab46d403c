package io.humanseg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AutoModelTest {
  @Test
  void settingsOverTheDefaults() {
    assertEquals(AutoModel.defaults(), AutoModel.of(null, null));
    assertEquals(new AutoModel("my-model", 0.5), AutoModel.of(" my-model ", "0.5"));
    assertEquals(new AutoModel(AutoModel.DEFAULT_QUALITY_MODEL, 0.25), AutoModel.of("", "0.25"));
  }

  @Test
  void escalatesStrictlyUnderTheThreshold() {
    AutoModel auto = new AutoModel("isnet", 0.9);
    assertTrue(auto.escalates(Math.nextDown(0.9)));
    assertFalse(auto.escalates(0.9));
    assertFalse(new AutoModel("isnet", 0).escalates(0));
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
