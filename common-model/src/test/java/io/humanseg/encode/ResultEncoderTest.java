package io.humanseg.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ResultEncoderTest {
  private final ResultEncoder encoder = new ResultEncoder();

  @Test
  void alphaIsGreyPngOfTheMaskAtItsSize() {
    AlphaMask mask = Images.ellipse(321, 123, 5);
    EncodedResult r = encoder.encode(null, mask, EncodeOptions.alpha());
    assertEquals("image/png", r.mediaType());
    assertArrayEquals(new int[] {8, 0}, Images.pngDepthAndColourType(r.bytes()));
    BufferedImage read = Images.decode(r.bytes());
    assertEquals(321, read.getWidth());
    assertEquals(123, read.getHeight());
    assertArrayEquals(mask.alpha(), Images.grey(read));
  }

  @Test
  void webpIsEncodedAndReadable() {
    RgbImage photo = Images.solid(96, 64, 30, 160, 90);
    AlphaMask mask = Images.ellipse(96, 64, 2);
    EncodedResult composite = encoder.encode(photo, mask,
        EncodeOptions.composite(new Background.Color(255, 255, 255), OutputFormat.WEBP));
    assertEquals("image/webp", composite.mediaType());
    BufferedImage read = Images.decode(composite.bytes()); // TwelveMonkeys' WebP reader
    assertEquals(96, read.getWidth());
    assertEquals(64, read.getHeight());
    int[] centre = Images.rgbAt(read, 48, 40);
    int[] corner = Images.rgbAt(read, 1, 1);
    assertTrue(Math.abs(centre[1] - 160) < 12 && Math.abs(corner[1] - 255) < 12,
        Arrays.toString(centre) + " " + Arrays.toString(corner));

    EncodedResult cut = encoder.encode(photo, mask, EncodeOptions.rgba().withFormat(OutputFormat.WEBP));
    BufferedImage cutRead = Images.decode(cut.bytes());
    assertTrue(cutRead.getColorModel().hasAlpha());
    assertEquals(0, Images.alphaAt(cutRead, 1, 1));
    assertEquals(255, Images.alphaAt(cutRead, 48, 40));
  }

  @Test
  void optionsRejectImpossibleCombinations() {
    assertThrows(IllegalArgumentException.class, () -> EncodeOptions.alpha().withFormat(OutputFormat.JPEG));
    assertThrows(IllegalArgumentException.class, () -> EncodeOptions.rgba().withFormat(OutputFormat.JPEG));
    assertThrows(IllegalArgumentException.class, () -> EncodeOptions.composite(null, OutputFormat.PNG));
    assertThrows(IllegalArgumentException.class,
        () -> EncodeOptions.composite(new Background.Blur(3), OutputFormat.JPEG).withQuality(101));
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(Images.noise(10, 10, 1),
        AlphaMask.empty(10, 11), EncodeOptions.rgba()));
    assertEquals(new Background.Color(0x12, 0xab, 0xff), Background.Color.parse("#12ABff"));
    assertThrows(IllegalArgumentException.class, () -> Background.Color.parse("12ab"));
  }

  @Test
  void metadataSerialisesToJson() throws Exception {
    AlphaMask mask = Images.ellipse(200, 100, 0);
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("decode", 12.5);
    timings.put("preprocess", 1.25);
    timings.put("inference", 8.0);
    timings.put("postprocess", 2.0);
    timings.put("encode", 3.0);
    EncodedResult r = encoder.encode(null, mask, EncodeOptions.alpha().withCrop(SubjectCrop.fraction(0.1)));
    SegmentationMetadata meta = SegmentationMetadata.of(r, "selfie", 0.875, timings);
    ObjectMapper json = new ObjectMapper();
    JsonNode tree = json.readTree(json.writeValueAsString(meta));
    assertEquals(200, tree.get("width").asInt());
    assertEquals(100, tree.get("height").asInt());
    assertTrue(tree.get("personFound").asBoolean());
    assertEquals("selfie", tree.get("model").asText());
    assertEquals(0.875, tree.get("confidence").asDouble());
    BoundingBox box = r.stats().box();
    assertEquals(box.left(), tree.get("foregroundBox").get("left").asInt());
    assertEquals(box.width(), tree.get("foregroundBox").get("width").asInt());
    assertFalse(tree.get("foregroundBox").has("right"));
    assertTrue(tree.has("crop"));
    assertEquals(List.of("decode", "preprocess", "inference", "postprocess", "encode"),
        iterable(tree.get("timingsMs").fieldNames()));
    assertEquals(r.stats().foregroundFraction(), tree.get("foregroundFraction").asDouble(), 1e-12);
    assertEquals(meta, json.readValue(json.writeValueAsString(meta), SegmentationMetadata.class));

    SegmentationMetadata none = SegmentationMetadata.of(ForegroundStats.of(AlphaMask.empty(20, 10)), "selfie",
        0, Map.of());
    JsonNode empty = json.readTree(json.writeValueAsString(none));
    assertFalse(empty.has("foregroundBox"));
    assertFalse(empty.has("crop"));
    assertFalse(empty.get("personFound").asBoolean());
    assertEquals(0.0, empty.get("foregroundFraction").asDouble());
  }

  @Test
  void concurrentEncodesEqualSingleThreadedOnes() throws Exception {
    RgbImage photo = Images.noise(320, 240, 5);
    AlphaMask mask = Images.ellipse(320, 240, 6);
    RgbImage other = Images.noise(100, 300, 6);
    List<EncodeOptions> options = List.of(EncodeOptions.alpha(), EncodeOptions.rgba(),
        EncodeOptions.rgba().withCrop(SubjectCrop.fraction(0.1)),
        EncodeOptions.composite(new Background.Color(1, 2, 3), OutputFormat.PNG),
        EncodeOptions.composite(new Background.Image(other), OutputFormat.JPEG),
        EncodeOptions.composite(new Background.Blur(6), OutputFormat.PNG),
        EncodeOptions.composite(new Background.Blur(6), OutputFormat.WEBP));
    List<byte[]> expected = new ArrayList<>();
    for (EncodeOptions o : options) {
      expected.add(encoder.encode(photo, mask, o).bytes());
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 6 * options.size(); i++) {
        int k = i % options.size();
        results.add(pool.submit(() -> Arrays.equals(expected.get(k), encoder.encode(photo, mask, options.get(k))
            .bytes())));
      }
      for (int i = 0; i < results.size(); i++) {
        assertTrue(results.get(i).get(), "options " + options.get(i % options.size()));
      }
    } finally {
      pool.shutdown();
    }
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
