package io.humanseg.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.humanseg.encode.EncodeOptions;
import io.humanseg.inference.ModelProvider;
import io.humanseg.model.catalog.InstalledModels;
import io.humanseg.model.tiny.TinyModels;
import io.humanseg.model.tiny.TinyModels.Spec;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmentation;
import io.humanseg.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code auto} in the shared pipeline, on a real photo: the default model's mask unless its confidence is under
 * the threshold, the quality model's (here a tiny installed model standing in for isnet) when it is; and without
 * a quality model, the default model, said once in the log.
 */
class AutoPipelineTest {
  private static final String QUALITY = "tiny-longest-softmax";
  private static final SegmentOptions AUTO = SegmentOptions.defaults().withModel(AutoModel.NAME);

  @TempDir static Path models;
  private static ModelProvider installed;
  private static byte[] photo;
  private static Segmentation fast;
  private static Segmentation quality;

  @BeforeAll
  static void setUp() throws Exception {
    TinyModels.install(Spec.of("longest", "softmax"), models);
    installed = InstalledModels.in(models);
    photo = Files.readAllBytes(SharedData.require("evaldata").resolve("ccp/images/ccp_0082.jpg"));
    SegmentationPipeline plain = SegmentationPipeline.on(installed).build();
    fast = plain.run(photo, SegmentOptions.defaults(), false).segmentation();
    quality = plain.run(photo, SegmentOptions.defaults().withModel(QUALITY), false).segmentation();
    assertEquals("selfie", fast.model());
    assertTrue(fast.confidence() > 0 && fast.confidence() < 1, "selfie's confidence " + fast.confidence());
  }

  private static Segmentation auto(AutoModel policy) {
    return SegmentationPipeline.on(installed).auto(policy).build().run(photo, AUTO, false).segmentation();
  }

  @Test
  void autoKeepsTheDefaultMaskAtOrAboveTheThresholdAndEscalatesBelowIt() {
    Segmentation kept = auto(new AutoModel(QUALITY, fast.confidence()));
    assertEquals("selfie", kept.model());
    assertArrayEquals(fast.mask().alpha(), kept.mask().alpha(), "the default model's mask, byte for byte");
    assertEquals(fast.confidence(), kept.confidence());

    Segmentation escalated = auto(new AutoModel(QUALITY, Math.nextUp(fast.confidence())));
    assertEquals(QUALITY, escalated.model());
    assertArrayEquals(quality.mask().alpha(), escalated.mask().alpha(), "the quality model's own mask");
    assertEquals(quality.confidence(), escalated.confidence());
  }

  @Test
  void theAnswerNamesTheModelThatMadeItsMask() {
    SegmentationPipeline always = SegmentationPipeline.on(installed).auto(new AutoModel(QUALITY, 1.0)).build();
    SegmentationPipeline.Processed p = always.process(photo, AUTO, EncodeOptions.alpha());
    assertEquals(QUALITY, p.metadata().model());
    assertEquals(quality.confidence(), p.metadata().confidence());
  }

  @Test
  void withoutTheQualityModelAutoIsTheDefaultModelAndTheLogSaysSoOnce() {
    List<ILoggingEvent> log = pipelineLog(() -> {
      SegmentationPipeline pipeline = SegmentationPipeline.on(installed)
          .auto(new AutoModel("not-installed", 1.0)).build();
      for (int i = 0; i < 3; i++) {
        Segmentation s = pipeline.run(photo, AUTO, false).segmentation();
        assertEquals("selfie", s.model());
        assertArrayEquals(fast.mask().alpha(), s.mask().alpha());
      }
    });
    List<String> said = log.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("not-installed")).toList();
    assertEquals(1, said.size(), "said once: " + said);
    assertTrue(said.get(0).contains("is not installed") && said.get(0).contains("'selfie' alone"), said.get(0));
  }

  @Test
  void withRoomForOneModelOnlyTheBuildWarnsThatEscalationsSwapModels() {
    List<ILoggingEvent> quiet = pipelineLog(() -> {
      SegmentationPipeline.on(installed).auto(new AutoModel(QUALITY, 1.0)).maxLoadedModels(2).build();
      SegmentationPipeline.on(installed).auto(new AutoModel("not-installed", 1.0)).maxLoadedModels(1).build();
    });
    assertTrue(quiet.isEmpty(), "room for both, or nothing to swap: no warning; " + quiet);
    List<ILoggingEvent> log = pipelineLog(
        () -> SegmentationPipeline.on(installed).auto(new AutoModel(QUALITY, 1.0)).maxLoadedModels(1).build());
    assertEquals(1, log.size(), log.toString());
    assertEquals(Level.WARN, log.get(0).getLevel());
    String said = log.get(0).getFormattedMessage();
    assertTrue(said.contains("'" + QUALITY + "'") && said.contains("max_loaded_models"), said);
  }

  /**
   * What {@link SegmentationPipeline} logs while {@code work} runs, from INFO up: another test class in this JVM
   * (S3Mock's Spring Boot) may have set the levels to WARN.
   */
  private static List<ILoggingEvent> pipelineLog(Runnable work) {
    Logger logger = (Logger) LoggerFactory.getLogger(SegmentationPipeline.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    try {
      work.run();
      return List.copyOf(log.list);
    } finally {
      logger.detachAppender(log);
      logger.setLevel(level);
    }
  }
}
