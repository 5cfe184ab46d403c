package io.humanseg.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.humanseg.image.ImageLimits;
import io.humanseg.inference.FolderModelProvider;
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
import picocli.CommandLine.Option;

/**
 * Segments every image under {@code --input} (or listed in {@code --input-list}) with the shared inference
 * library and writes masks or cut-outs, a Parquet manifest and {@code _summary.json} under {@code --output}.
 *
 * <p>Layout of {@code OUTPUT}: the PNGs mirroring the inputs' relative paths ({@code files}) or
 * {@code _masks/run=ID/} ({@code parquet}); {@code _manifest/run=ID/} (one manifest per run, so that
 * {@code --resume} can read all earlier ones); {@code _summary.json} (the latest run).
 *
 * <p>Spark's {@code binaryFile} source lists the inputs (recursive, by extension) with their lengths only; the
 * content is read by the task, after the oversize check and the resume anti-join, so that neither an oversize
 * file nor a finished one is ever read, and repartitioning moves paths, not bytes.
 */
@Command(name = "humanseg-spark", mixinStandardHelpOptions = true,
    description = "Segment images in bulk on Spark (local[*] when no master is set).")
public final class SegmentJob implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentJob.class);
  /** Image extensions, both cases; Hadoop's glob has no case-insensitive flag. */
  static final String EXTENSION_GLOB = "*.{jpg,jpeg,png,gif,bmp,webp,JPG,JPEG,PNG,GIF,BMP,WEBP,Jpg,Jpeg,Png}";

  static final class Inputs {
    @Option(names = "--input", paramLabel = "DIR|GLOB",
        description = "folder or glob on file://, hdfs://, s3a://, searched recursively for image files")
    String input;

    @Option(names = "--input-list", paramLabel = "FILE",
        description = "text file with one path per line, or Parquet file with a 'path' column")
    String inputList;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Inputs inputs;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
  String output;

  @Option(names = "--output-format", defaultValue = "files",
      description = "files (one PNG per input) or parquet (a binary mask column); default ${DEFAULT-VALUE}")
  String outputFormat;

  @Option(names = "--output-kind", defaultValue = "alpha",
      description = "alpha (grey mask) or rgba (cut-out); default ${DEFAULT-VALUE}")
  String outputKind;

  @Option(names = "--model", paramLabel = "NAME|PATH",
      description = "a model name, or the path of a model card (or its folder), which is shipped to the executors"
          + " (default: the default built-in model)")
  String model;

  @Option(names = "--models-dir", paramLabel = "DIR",
      description = "folder of installed models on the driver (default: $HUMANSEG_MODELS_DIR, else ./models)")
  java.nio.file.Path modelsDir;

  @Option(names = "--refine", description = "guided-filter edge refinement")
  boolean refine;

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

  @Option(names = "--resume", description = "skip inputs with an ok row in an earlier manifest of this output")
  boolean resume;

  @Option(names = "--progress-seconds", defaultValue = "30",
      description = "seconds between progress lines; default ${DEFAULT-VALUE}")
  int progressSeconds;

  /** The run's figures, as written to {@code _summary.json}. */
  public record Summary(long total, long ok, long error, long skipped, double seconds, double imagesPerSecond,
      Map<String, Long> errors, String manifest) {}

  private Summary summary;

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("SPARK_SUBMIT") == null) {
      // Not under spark-submit (which brings its own log4j2 set-up): Spark's INFO chatter would drown the
      // progress lines.
      System.setProperty("log4j2.configurationFile", "humanseg-spark-log4j2.properties");
    }
    System.exit(new CommandLine(new SegmentJob()).execute(args));
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

  /** Parses options for a run on an existing session (tests, notebooks). */
  public static SegmentJob parse(String... args) {
    SegmentJob job = new SegmentJob();
    new CommandLine(job).parseArgs(args);
    return job;
  }

  public Summary summary() {
    return summary;
  }

  /** Runs the job on {@code spark}; returns and writes the summary. */
  public Summary run(SparkSession spark) {
    boolean files = switch (outputFormat.toLowerCase(Locale.ROOT)) {
      case "files" -> true;
      case "parquet" -> false;
      default -> throw new CommandLine.ParameterException(new CommandLine(this),
          "--output-format must be files or parquet, not " + outputFormat);
    };
    boolean rgba = switch (outputKind.toLowerCase(Locale.ROOT)) {
      case "alpha" -> false;
      case "rgba" -> true;
      default -> throw new CommandLine.ParameterException(new CommandLine(this),
          "--output-kind must be alpha or rgba, not " + outputKind);
    };
    ModelShipping.Choice choice =
        ModelShipping.resolve(model, modelsDir != null ? modelsDir : FolderModelProvider.defaultDir());
    String modelName = choice.model();
    new ImageLimits(maxSide, 1, maxBytes); // fails early on nonsense limits

    long start = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path outputPath = qualify(new Path(output), hadoop);
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS"));
    Path manifestRoot = new Path(outputPath, "_manifest");
    Path manifestDir = new Path(manifestRoot, "run=" + runId);

    String inputRoot;
    Dataset<Row> listing;
    if (inputs.input != null) {
      inputRoot = inputRoot(inputs.input, hadoop);
      listing = spark.read().format("binaryFile")
          .option("recursiveFileLookup", "true")
          .option("pathGlobFilter", EXTENSION_GLOB)
          .load(inputs.input)
          .select(col("path"), col("length"));
    } else {
      inputRoot = null;
      listing = readList(spark, inputs.inputList)
          .withColumn("length", org.apache.spark.sql.functions.lit(null).cast(DataTypes.LongType));
    }
    listing = listing.where(col("path").startsWith(outputPath.toString() + "/").unary_$bang());

    long found = -1;
    long skipped = 0;
    Dataset<Row> todo = listing;
    if (resume && exists(manifestRoot, hadoop)) {
      Dataset<Row> finished = spark.read().parquet(manifestRoot.toString())
          .where(col(Manifest.STATUS).equalTo(Manifest.OK)).select(col(Manifest.PATH)).distinct();
      listing = listing.cache();
      found = listing.count();
      todo = listing.join(broadcast(finished), listing.col("path").equalTo(finished.col(Manifest.PATH)),
          "left_anti");
    }
    todo = todo.cache();
    long total = todo.count();
    if (found < 0) {
      found = total;
    }
    skipped = found - total;
    int tasks = partitions > 0 ? partitions
        : (int) Math.max(1, Math.min(Math.max(4L * spark.sparkContext().defaultParallelism(), total / 1000), total));
    LOG.info("{} inputs, {} skipped as done, {} to segment in {} tasks with {}", found, skipped, total, tasks,
        modelName);

    LongAccumulator done = spark.sparkContext().longAccumulator("images");
    Map<String, String> conf = new HashMap<>();
    hadoop.forEach(e -> conf.put(e.getKey(), e.getValue()));
    String shippedModel = ModelShipping.ship(choice, spark.sparkContext());
    ImageTask task = new ImageTask(new ImageTask.Settings(new Pipelines.Key(modelName, shippedModel, threadsPerTask,
        maxSide, maxBytes), refine, rgba, files, inputRoot, outputPath.toString(), conf), done);
    Dataset<Row> results = todo.repartition(tasks)
        .mapPartitions(task, Encoders.row(files ? Manifest.SCHEMA : Manifest.WITH_MASK));

    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "humanseg-progress");
      t.setDaemon(true);
      return t;
    });
    long processingStart = System.nanoTime();
    progress.scheduleAtFixedRate(() -> {
      double seconds = (System.nanoTime() - processingStart) / 1e9;
      long n = done.value();
      LOG.info(String.format(Locale.ROOT, "progress: %d / %d images, %.1f images/s", n, total, n / seconds));
    }, progressSeconds, progressSeconds, TimeUnit.SECONDS);
    try {
      if (files) {
        results.write().mode(SaveMode.ErrorIfExists).parquet(manifestDir.toString());
      } else {
        Path masksDir = new Path(new Path(outputPath, "_masks"), "run=" + runId);
        results.write().mode(SaveMode.ErrorIfExists).parquet(masksDir.toString());
        spark.read().parquet(masksDir.toString()).drop(Manifest.MASK)
            .write().mode(SaveMode.ErrorIfExists).parquet(manifestDir.toString());
      }
    } finally {
      progress.shutdownNow();
      todo.unpersist();
      listing.unpersist();
    }

    Map<String, Long> byCode = new TreeMap<>();
    long ok = 0;
    long error = 0;
    for (Row r : spark.read().parquet(manifestDir.toString()).groupBy(Manifest.STATUS, Manifest.ERROR_CODE).count()
        .collectAsList()) {
      if (Manifest.OK.equals(r.getString(0))) {
        ok += r.getLong(2);
      } else {
        error += r.getLong(2);
        byCode.merge(r.isNullAt(1) ? Manifest.FAILED : r.getString(1), r.getLong(2), Long::sum);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    summary = new Summary(found, ok, error, skipped, seconds, seconds > 0 ? (ok + error) / seconds : 0, byCode,
        manifestDir.toString());
    writeSummary(new Path(outputPath, "_summary.json"), summary, hadoop);
    LOG.info("done: {}", summaryJson(summary));
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

  private static boolean exists(Path path, Configuration hadoop) {
    try {
      return path.getFileSystem(hadoop).exists(path);
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

  static List<String> imageExtensions() {
    return List.of("jpg", "jpeg", "png", "gif", "bmp", "webp");
  }
}
