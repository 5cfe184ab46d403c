package io.humanseg.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCards;
import io.humanseg.inference.CardModelProvider;
import io.humanseg.inference.CompositeModelProvider;
import io.humanseg.inference.ModelProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code models fetch} and {@code models list} for opt-in models; nothing here downloads real weights. */
class OptInFetchCommandTest {
  private static final String REFUSAL =
      "isnet is licensed AGPL-3.0 (copyleft: running it in a network service obliges you to offer that service's"
          + " complete source to its users; humanseg never bundles it): to fetch it, add --accept-license AGPL-3.0";

  private static final CardTemplates TEMPLATES = CardTemplates.load();
  /**
   * Stands in for the built-in models, which the model module builds after these tools: their templates, which
   * list the same names, licences and input contracts (the server's ModelsCommandTest lists the real ones).
   */
  private static final ModelProvider BUILTIN =
      new CompositeModelProvider(
          TEMPLATES.builtin().stream()
              .<ModelProvider>map(t -> new CardModelProvider(t, () -> { throw new UnsupportedOperationException(); }))
              .toList());

  @TempDir Path dir;
  @TempDir Path cache;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ModelsCommand.commandLine(() -> BUILTIN);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void withoutTheFlagTheFetchIsRefusedInOneLine() throws IOException {
    assertEquals(FetchCommand.LICENSE_NOT_ACCEPTED, run("fetch", "isnet", "--dir", dir.toString(), "--cache", cache.toString()));
    assertEquals(REFUSAL + System.lineSeparator(), err.toString());
    assertEquals("", out.toString());
    assertEmpty(dir);
    assertEmpty(cache);
  }

  @Test
  void aSizeVariantPassesTheSameGate() throws IOException {
    assertEquals(
        FetchCommand.LICENSE_NOT_ACCEPTED,
        run("fetch", "isnet", "--size", "768", "--dir", dir.toString(), "--cache", cache.toString()));
    assertEquals(REFUSAL + System.lineSeparator(), err.toString());
    assertEmpty(dir);
    assertEmpty(cache);
  }

  @Test
  void aWrongLicenceIsRefusedToo() throws IOException {
    assertEquals(3, run("fetch", "isnet", "--accept-license", "MIT", "--dir", dir.toString(), "--cache", cache.toString()));
    assertEquals(
        REFUSAL.replace("): to fetch", "): --accept-license MIT does not accept it; to fetch") + System.lineSeparator(),
        err.toString());
    assertEmpty(dir);
  }

  @Test
  void theRightLicencePassesTheGateAndTheFetchStarts() {
    // An unreachable registry and an empty cache: the command gets as far as the download and fails there.
    int code = run("fetch", "isnet", "--accept-license", "agpl-3.0", "--dir", dir.toString(),
        "--cache", cache.toString(), "--registry", "http://127.0.0.1:9");
    assertEquals(1, code);
    assertFalse(err.toString().contains("is licensed"), err.toString());
    assertTrue(err.toString().contains("http://127.0.0.1:9/@imgly/background-removal-data/-/background-removal-data-1.4.5.tgz"), err.toString());
  }

  @Test
  void anUnknownNameListsTheOptInModelsToo() {
    assertEquals(FetchCommand.UNKNOWN_MODEL, run("fetch", "nope", "--dir", dir.toString()));
    assertTrue(err.toString().contains("[selfie, selfie-landscape, isnet]"), err.toString());
  }

  @Test
  void listShowsOptInModelsWithTheirFetchCommandAndWhetherInstalled() throws IOException {
    assertEquals(0, run("list", "--dir", dir.toString()));
    String text = out.toString();
    assertTrue(text.startsWith("selfie "), text);
    assertTrue(text.contains("isnet              opt-in   input NCHW [1, 3, 1024, 1024] RGB, licence AGPL-3.0"), text);
    assertTrue(
        text.contains("  opt-in, fetch with: models fetch isnet --accept-license AGPL-3.0 (not installed in " + dir + ")"),
        text);

    Files.createDirectories(dir.resolve("isnet"));
    Files.writeString(dir.resolve("isnet/model.onnx"), "x");
    ModelCards.write(TEMPLATES.find("isnet").orElseThrow(), dir.resolve("isnet/card.json"));
    out.getBuffer().setLength(0);
    assertEquals(0, run("list", "--dir", dir.toString()));
    assertTrue(out.toString().contains("(installed in " + dir.resolve("isnet") + ")"), out.toString());
  }

  private static void assertEmpty(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      assertEquals(1, files.count(), folder + " must stay empty");
    }
  }
}
