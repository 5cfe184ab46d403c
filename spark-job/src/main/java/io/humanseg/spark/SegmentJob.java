package io.humanseg.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.humanseg.files.ImageFiles;
import io.humanseg.image.ImageLimits;
import io.humanseg.cli.PipelineOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Segments every image under {@code --input} (or listed in {@code --input-list}) with the shared inference
 * library and writes masks or cut-outs, a Parquet manifest and {@code _summary.json} under {@code --output}
 * (layout: {@link RunLayout}).
 *
 * <p>Options are parsed and checked, and the model resolved, before a Spark session starts: a typo costs no
 * cluster time. Spark's {@code binaryFile} source lists the inputs (recursively) with their lengths only; the
 * content is read by the task, after the oversize check and the resume anti-join, so that neither an oversize
 * file nor a finished one is ever read, and repartitioning moves paths, not bytes.
 */
@Command(name = "humanseg-spark", mixinStandardHelpOptions = true,
    description = "Segment images in bulk on Spark (local[*] when no master is set).")
public final class SegmentJob implements Callable<Integer> {
  /** Where the outputs go. */
  enum OutputFormat { files, parquet }

  /** What each output holds. */
  enum OutputKind { alpha, rgba }

  static final class Inputs {
    @Option(names = "--input", paramLabel = "DIR|GLOB",
        description = "folder or glob on file://, hdfs://, s3a://, searched recursively for image files"
            + " (.jpg .jpeg .png .gif .bmp .webp, any case); outputs mirror paths relative to it")
    String input;

    @Option(names = "--input-list", paramLabel = "FILE",
        description = "text file with one path per line, or Parquet file with a 'path' column; outputs mirror"
            + " each input's whole path (without scheme and host) under the output folder")
    String inputList;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Inputs inputs;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
  String output;

  @Option(names = "--output-format", defaultValue = "files",
      description = "files (one PNG per input) or parquet (a binary mask column); default ${DEFAULT-VALUE}")
  OutputFormat outputFormat;

  @Option(names = "--output-kind", defaultValue = "alpha",
      description = "alpha (grey mask) or rgba (cut-out); default ${DEFAULT-VALUE}")
  OutputKind outputKind;

  /** The pipeline switches of the CLI's {@code segment} and {@code eval}, with the same names and meanings. */
  @Mixin PipelineOptions pipelineOptions;

  @Option(names = "--max-side", defaultValue = "4096",
      description = "longest image side accepted, in pixels; default ${DEFAULT-VALUE}")
  int maxSide;

  @Option(names = "--max-bytes", defaultValue = "33554432",
      description = "largest file accepted, in bytes; larger ones are errors and never read; default ${DEFAULT-VALUE}")
  long maxBytes;

  @Option(names = "--partitions", defaultValue = "0",
      description = "tasks to split the inputs into (0: 4 per core of the cluster, at least one per 1000 images)")
  int partitions;

  @Option(names = "--threads-per-task", defaultValue = "1",
      description = "ONNX Runtime threads per image; 1 with one task per core; default ${DEFAULT-VALUE}")
  int threadsPerTask;

  @Option(names = "--resume", description = "skip inputs with an ok row in an earlier complete manifest of this"
      + " output, and remove what runs that died left behind")
  boolean resume;

  @Option(names = "--progress-seconds", defaultValue = "30",
      description = "seconds between progress lines; default ${DEFAULT-VALUE}")
  int progressSeconds;

  @Spec CommandSpec spec;

  /**
   * The run's figures, as written to {@code _summary.json}. {@code seconds} is the whole run on the driver;
   * {@code listSeconds} (listing, resume join, planning), {@code processSeconds} (the tasks and the manifest)
   * and {@code finishSeconds} (counts and summary) add up to it, and {@code processImagesPerSecond} is the
   * per-image throughput without the fixed costs.
   */
  public record Summary(long total, long ok, long error, long skipped, double seconds, double imagesPerSecond,
      Map<String, Long> errors, String manifest, double listSeconds, double processSeconds, double finishSeconds,
      double processImagesPerSecond) {}

  private ModelShipping.Choice modelChoice;
  private Summary summary;
  private Progress progress;

  private static Logger log() {
    // Not a static field: main() must choose the logging configuration before Log4j first starts.
    return LoggerFactory.getLogger(SegmentJob.class);
  }

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("SPARK_SUBMIT") == null) {
      // Not under spark-submit (which brings its own log4j2 set-up): Spark's INFO chatter would drown the
      // progress lines.
      System.setProperty("log4j2.configurationFile", "humanseg-spark-log4j2.properties");
    }
    System.exit(execute(args));
  }

  /** Parses, checks and runs; returns the exit code (2 for bad options, before any Spark session starts). */
  static int execute(String... args) {
    return commandLine(new SegmentJob()).execute(args);
  }

  private static CommandLine commandLine(SegmentJob job) {
    return new CommandLine(job).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionStrategy(parsed -> {
          if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
          }
          job.validate();
          return new CommandLine.RunLast().execute(parsed);
        });
  }

  /** Parses and checks options for a run on an existing session (tests, notebooks); bad values throw here. */
  public static SegmentJob parse(String... args) {
    SegmentJob job = parseOptions(args);
    job.resolveModel();
    return job;
  }

  /** Parses and checks the options without resolving the model (which must exist on the driver). */
  static SegmentJob parseOptions(String... args) {
    SegmentJob job = new SegmentJob();
    commandLine(job).parseArgs(args);
    job.checkValues();
    return job;
  }

  /** Everything that can be checked without Spark: limits, counts, and the model (resolved on the driver). */
  void validate() {
    checkValues();
    resolveModel();
  }

  private void checkValues() {
    try {
      new ImageLimits(maxSide, 1, maxBytes);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-side/--max-bytes: " + e.getMessage());
    }
    try {
      pipelineOptions.autoModel();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--auto-model/--auto-threshold: " + e.getMessage());
    }
    if (partitions < 0 || threadsPerTask < 0 || progressSeconds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--partitions and --threads-per-task must be >= 0, --progress-seconds >= 1");
    }
  }

  private void resolveModel() {
    try {
      modelChoice = ModelShipping.resolve(pipelineOptions.model(), pipelineOptions.modelsDir(),
          pipelineOptions.autoModel());
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--model: " + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    SparkSession.Builder builder = SparkSession.builder().appName("humanseg-spark");
    if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      Summary s = run(spark);
      System.out.println(summaryJson(s));
      return 0;
    } finally {
      spark.stop();
    }
  }

  public Summary summary() {
    return summary;
  }

  /** The progress of the latest run (for tests). */
  Progress progress() {
    return progress;
  }

  /** Runs the job on {@code spark}; returns and writes the summary. */
  public Summary run(SparkSession spark) {
    boolean files = outputFormat == OutputFormat.files;
    long start = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path outputPath = qualify(new Path(output), hadoop);
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    RunLayout layout = new RunLayout(outputPath, runId, hadoop);

    String inputRoot;
    Dataset<Row> listing;
    if (inputs.input != null) {
      inputRoot = inputRoot(inputs.input, hadoop);
      listing = spark.read().format("binaryFile")
          .option("recursiveFileLookup", "true")
          .load(inputs.input)
          .select(col("path"), col("length"))
          .where(lower(col("path")).rlike("\\.(" + String.join("|", ImageFiles.EXTENSIONS) + ")$"));
    } else {
      inputRoot = null;
      log().info("inputs from a list: each output mirrors its input's whole path under {}", outputPath);
      listing = readList(spark, inputs.inputList)
          .withColumn("length", org.apache.spark.sql.functions.lit(null).cast(DataTypes.LongType));
    }
    listing = listing.where(col("path").startsWith(outputPath.toString() + "/").unary_$bang());

    long found = -1;
    Dataset<Row> todo = listing;
    if (resume) {
      layout.removeLeftoversOfDeadRuns();
      List<Path> earlier = layout.completeManifests();
      if (!earlier.isEmpty()) {
        Dataset<Row> finished = spark.read().schema(Manifest.SCHEMA)
            .parquet(earlier.stream().map(Path::toString).toArray(String[]::new))
            .where(col(Manifest.STATUS).equalTo(Manifest.OK)).select(col(Manifest.PATH)).distinct();
        listing = listing.cache();
        found = listing.count();
        todo = listing.join(broadcast(finished), listing.col("path").equalTo(finished.col(Manifest.PATH)),
            "left_anti");
      }
    }
    todo = todo.cache();
    long total = todo.count();
    if (found < 0) {
      found = total;
    }
    long skipped = found - total;
    int tasks = partitions > 0 ? partitions
        : (int) Math.max(1, Math.min(Math.max(4L * spark.sparkContext().defaultParallelism(), total / 1000), total));
    String modelName = modelChoice.model();
    log().info("{} inputs, {} skipped as done, {} to segment in {} tasks with {}", found, skipped, total, tasks,
        modelName);
    long listed = System.nanoTime();

    LongAccumulator done = spark.sparkContext().longAccumulator("images");
    progress = new Progress(done.id());
    spark.sparkContext().addSparkListener(progress);
    Map<String, String> conf = new HashMap<>();
    hadoop.forEach(e -> conf.put(e.getKey(), e.getValue()));
    ModelShipping.Shipped shipped = ModelShipping.ship(modelChoice, spark.sparkContext());
    ImageTask task = new ImageTask(new ImageTask.Settings(new Pipelines.Key(modelName, shipped, threadsPerTask,
        maxSide, maxBytes, pipelineOptions.executionProvider(), pipelineOptions.autoModel()),
        pipelineOptions.toOptions(modelName),
        outputKind == OutputKind.rgba, files, inputRoot, outputPath.toString(),
        layout.staging().toString(), conf), done);
    Dataset<Row> results = todo.repartition(tasks)
        .mapPartitions(task, Encoders.row(files ? Manifest.SCHEMA : Manifest.WITH_MASK));

    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "humanseg-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> {
      double seconds = (System.nanoTime() - listed) / 1e9;
      long n = progress.done();
      log().info(String.format(Locale.ROOT, "progress: %d / %d images, %.1f images/s, %d tasks running", n, total,
          n / seconds, progress.runningTasks()));
    }, progressSeconds, progressSeconds, TimeUnit.SECONDS);
    try {
      if (files) {
        results.write().mode(SaveMode.ErrorIfExists).parquet(layout.manifest().toString());
      } else {
        results.write().mode(SaveMode.ErrorIfExists).parquet(layout.masks().toString());
        spark.read().parquet(layout.masks().toString()).drop(Manifest.MASK)
            .write().mode(SaveMode.ErrorIfExists).parquet(layout.manifest().toString());
      }
    } finally {
      ticker.shutdownNow();
      ModelShipping.release(shipped);
      spark.sparkContext().removeSparkListener(progress);
      todo.unpersist();
      listing.unpersist();
    }
    layout.removeStaging();
    long processed = System.nanoTime();

    Map<String, Long> byCode = new TreeMap<>();
    long ok = 0;
    long error = 0;
    for (Row r : spark.read().schema(Manifest.SCHEMA).parquet(layout.manifest().toString())
        .groupBy(Manifest.STATUS, Manifest.ERROR_CODE).count().collectAsList()) {
      if (Manifest.OK.equals(r.getString(0))) {
        ok += r.getLong(2);
      } else {
        error += r.getLong(2);
        byCode.merge(r.isNullAt(1) ? Manifest.FAILED : r.getString(1), r.getLong(2), Long::sum);
      }
    }
    long end = System.nanoTime();
    double seconds = (end - start) / 1e9;
    double processSeconds = (processed - listed) / 1e9;
    summary = new Summary(found, ok, error, skipped, seconds, seconds > 0 ? (ok + error) / seconds : 0, byCode,
        layout.manifest().toString(), (listed - start) / 1e9, processSeconds, (end - processed) / 1e9,
        processSeconds > 0 ? (ok + error) / processSeconds : 0);
    writeSummary(layout.summary(), summary, hadoop);
    log().info("done: {}", summaryJson(summary));
    return summary;
  }

  private static Dataset<Row> readList(SparkSession spark, String list) {
    if (list.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      return spark.read().parquet(list).select(col("path").cast(DataTypes.StringType).as("path"));
    }
    return spark.read().text(list).select(org.apache.spark.sql.functions.trim(col("value")).as("path"))
        .where(col("path").notEqual("").and(col("path").startsWith("#").unary_$bang()));
  }

  /** The folder that relative output paths start from: the input folder, or a glob's fixed leading folders. */
  static String inputRoot(String input, Configuration hadoop) {
    int glob = indexOfGlob(input);
    String fixed = glob < 0 ? input : input.substring(0, Math.max(0, input.lastIndexOf('/', glob)));
    if (fixed.isEmpty()) {
      fixed = "/";
    }
    Path root = qualify(new Path(fixed), hadoop);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (glob < 0 && fs.exists(root) && fs.getFileStatus(root).isFile()) {
        root = root.getParent();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root.toString();
  }

  private static int indexOfGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[{".indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static Path qualify(Path path, Configuration hadoop) {
    try {
      return path.getFileSystem(hadoop).makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String summaryJson(Summary s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("total", s.total());
    json.put("ok", s.ok());
    json.put("error", s.error());
    json.put("skipped", s.skipped());
    json.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
    json.put("imagesPerSecond", Math.round(s.imagesPerSecond() * 100) / 100.0);
    json.put("listSeconds", Math.round(s.listSeconds() * 1000) / 1000.0);
    json.put("processSeconds", Math.round(s.processSeconds() * 1000) / 1000.0);
    json.put("finishSeconds", Math.round(s.finishSeconds() * 1000) / 1000.0);
    json.put("processImagesPerSecond", Math.round(s.processImagesPerSecond() * 100) / 100.0);
    json.put("errors", s.errors());
    json.put("manifest", s.manifest());
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeSummary(Path target, Summary s, Configuration hadoop) {
    try {
      FileSystem fs = target.getFileSystem(hadoop);
      fs.setWriteChecksum(false);
      try (OutputStream out = fs.create(target, true)) {
        out.write((summaryJson(s) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
