package io.humanseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The job's options, checked by the job's own parser: bad values fail before Spark starts, and every command
 * line the repository shows a user (Kubernetes manifests, scripts, READMEs) is one the job accepts.
 */
class SegmentJobOptionsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void badValuesFailBeforeASparkSessionStarts() {
    for (String[] bad : List.of(
        new String[] {"--output-format", "png"},
        new String[] {"--output-kind", "mask"},
        new String[] {"--max-side", "0"},
        new String[] {"--partitions", "-1"},
        new String[] {"--model", "no-such-model"},
        new String[] {"--auto-threshold", "1.5"})) {
      List<String> args = new ArrayList<>(List.of("--input", "in", "--output", "out"));
      args.addAll(List.of(bad));
      CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
          () -> SegmentJob.parse(args.toArray(String[]::new)), String.join(" ", bad));
      assertTrue(e.getMessage().contains(bad[0].substring(2)) || e.getMessage().contains(bad[1]), e.getMessage());
      assertEquals(2, SegmentJob.execute(args.toArray(String[]::new)), String.join(" ", bad));
    }
    assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty(),
        "a Spark session was started for options that were refused");
  }

  @Test
  void thePipelineSwitchesAreTheClis() {
    SegmentJob job = SegmentJob.parse("--input", "in", "--output", "out", "--no-second-pass", "--flip",
        "--letterbox", "--refine", "--execution-provider", "auto");
    assertEquals(new io.humanseg.segment.SegmentOptions("selfie", true, false, true, true),
        job.pipelineOptions.toOptions("selfie"));
    assertEquals(io.humanseg.inference.ExecutionProvider.AUTO, job.pipelineOptions.executionProvider());
  }

  @Test
  void valuesAreCaseInsensitive() {
    SegmentJob job = SegmentJob.parse("--input", "in", "--output", "out", "--output-format", "Parquet",
        "--output-kind", "RGBA");
    assertEquals(SegmentJob.OutputFormat.parquet, job.outputFormat);
    assertEquals(SegmentJob.OutputKind.rgba, job.outputKind);
  }

  @Test
  void theSparkApplicationManifestsRunWithOptionsTheJobAccepts() throws IOException {
    List<Path> manifests;
    try (var files = Files.list(ROOT.resolve("k8s/spark"))) {
      manifests = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertEquals(2, manifests.size(), manifests.toString());
    for (Path manifest : manifests) {
      JsonNode app = new ObjectMapper(new YAMLFactory()).readTree(manifest.toFile());
      List<String> args = new ArrayList<>();
      app.path("spec").path("arguments").forEach(a -> args.add(a.asText()));
      assertFalse(args.isEmpty(), manifest + ": spec.arguments is empty");
      // Models named here live on the cluster's volume, not on this machine: the options alone are checked.
      SegmentJob job = SegmentJob.parseOptions(args.toArray(String[]::new));
      assertEquals(app.path("spec").path("sparkConf").path("spark.task.cpus").asInt(), job.threadsPerTask,
          manifest + ": spark.task.cpus must equal --threads-per-task");
      assertEquals(SegmentJob.class.getName(), app.path("spec").path("mainClass").asText());
      boolean gpu = app.path("spec").path("executor").has("gpu");
      assertEquals(gpu, job.pipelineOptions.executionProvider() == io.humanseg.inference.ExecutionProvider.CUDA,
          manifest + ": GPU executors and --execution-provider cuda go together");
    }
  }

  @Test
  void theSparkSubmitScriptRunsWithOptionsTheJobAccepts() throws Exception {
    List<List<String>> commands = capture(ROOT.resolve("k8s/spark/spark-submit.sh").toString(), "");
    assertEquals(1, commands.size());
    SegmentJob.parse(jobArguments(commands.get(0)));
  }

  @Test
  void theReadmesShowCommandsTheJobAccepts() throws Exception {
    int checked = 0;
    for (String readme : List.of("README.md", "k8s/spark/README.md")) {
      String text = Files.readString(ROOT.resolve(readme));
      Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(text);
      while (block.find()) {
        String code = block.group(1);
        if (!code.contains("humanseg-spark")) {
          continue;
        }
        for (List<String> command : capture(null, code)) {
          SegmentJob.parse(jobArguments(command));
          checked++;
        }
      }
    }
    assertTrue(checked >= 6, "expected the job's example commands in README.md and k8s/spark/README.md, found "
        + checked);
  }

  /** The job's own arguments: those after the application jar. */
  private static String[] jobArguments(List<String> command) {
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i).endsWith(".jar") && (i == 0 || !command.get(i - 1).equals("--jars"))) {
        int first = i + 1;
        if (first < command.size() && command.get(first).equals(SegmentJob.class.getName())) {
          first++; // java -cp JARS MAIN ARGS
        }
        return command.subList(first, command.size()).toArray(String[]::new);
      }
    }
    throw new AssertionError("no application jar in " + command);
  }

  /**
   * Runs a script (or shell code) in bash with {@code spark-submit} and {@code java} replaced by a recorder,
   * so that bash itself expands quotes, variables and line continuations; returns each recorded command line.
   */
  private List<List<String>> capture(String script, String code) throws Exception {
    Path record = tmp.resolve("commands");
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    String recorder = "#!/bin/bash\nprintf '%s\\0' \"$@\" >> \"$RECORD\"\nprintf '\\1' >> \"$RECORD\"\n";
    for (String name : List.of("spark-submit", "java", "spark-class")) {
      Path p = bin.resolve(name);
      // spark-class starts the cluster's daemons in the README's example: not a job command line.
      Files.writeString(p, name.equals("spark-class") ? "#!/bin/bash\n" : recorder);
      p.toFile().setExecutable(true);
    }
    Path file = script != null ? Path.of(script) : tmp.resolve("snippet.sh");
    if (script == null) {
      Files.writeString(file, code);
    }
    ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(ROOT.toFile())
        .redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("RECORD", record.toString());
    pb.environment().put("K8S_API", "https://kubernetes.example:6443");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), file + ": " + out);
    List<List<String>> commands = new ArrayList<>();
    if (Files.exists(record)) {
      for (String command : Files.readString(record).split("\1")) {
        if (!command.isEmpty()) {
          commands.add(Arrays.asList(command.split("\0")));
        }
      }
      Files.delete(record);
    }
    return commands;
  }
}
