package io.humanseg.cli;

import io.humanseg.files.AtomicFiles;
import io.humanseg.files.ImageFiles;
import io.humanseg.encode.Background;
import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.OutputFormat;
import io.humanseg.encode.OutputKind;
import io.humanseg.encode.SubjectCrop;
import io.humanseg.image.ImageDecoder;
import io.humanseg.inference.ModelSelection;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code humanseg segment IN... -o OUTDIR}: segments files and folders. Outputs mirror the inputs' relative
 * paths; finished outputs are skipped, so a rerun resumes; bad files are listed at the end, not fatal.
 */
@Command(
    name = "segment",
    description = "Segment image files and folders into OUTDIR (masks, cut-outs or composites).",
    mixinStandardHelpOptions = true)
public final class SegmentCommand implements Callable<Integer> {

  private final PipelineFactory pipelines;

  @Parameters(arity = "1..*", paramLabel = "IN", description = "image files or folders (searched recursively)")
  List<Path> inputs;

  @Option(names = {"-o", "--output-dir"}, required = true, paramLabel = "OUTDIR")
  Path outputDir;

  @Option(names = "--output", defaultValue = "alpha", description = "alpha, rgba or composite (default ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--format", description = "png, jpeg or webp (default: png; composites may use jpeg or webp)")
  String format;

  @Option(names = "--background", description = "composite background colour, rrggbb")
  String background;

  @Option(names = "--background-image", description = "composite background picture, scaled to cover")
  Path backgroundImage;

  @Option(names = "--blur", description = "composite over the photo blurred with this radius in pixels")
  Double blur;

  @Option(names = "--crop-margin", description = "crop to the subject, with this margin (share of the subject box)")
  Double cropMargin;

  @Option(names = "--overwrite", description = "redo outputs that exist")
  boolean overwrite;

  @Option(names = "--lowest", defaultValue = "5",
      description = "list this many files with the lowest mask confidence at the end (default ${DEFAULT-VALUE})")
  int lowest;

  @Mixin PipelineOptions pipelineOptions;

  @Spec CommandSpec spec;

  public SegmentCommand(PipelineFactory pipelines) {
    this.pipelines = pipelines;
  }

  @Override
  public Integer call() throws IOException {
    EncodeOptions encode = encodeOptions();
    List<Job> jobs = jobs(encode.format().extension());
    ModelSelection selection = pipelineOptions.select(pipelines);
    SegmentationPipeline pipeline = pipelineOptions.pipeline(pipelines, selection);
    SegmentOptions options = pipelineOptions.toOptions(selection);
    Map<Path, String> failures = new TreeMap<>();
    List<Confidence> confidences = new ArrayList<>();
    int done = 0;
    int skipped = 0;
    try (ProgressBar bar =
        new ProgressBarBuilder().setTaskName("segment").setInitialMax(jobs.size()).setStyle(ProgressBarStyle.ASCII).build()) {
      for (Job job : jobs) {
        if (!overwrite && Files.exists(job.output())) {
          skipped++;
        } else {
          try {
            SegmentationPipeline.Processed processed =
                pipeline.process(Files.readAllBytes(job.input()), options, encode);
            AtomicFiles.write(job.output(), processed.image().bytes());
            confidences.add(new Confidence(job.input(), processed.metadata().confidence(),
                processed.metadata().model()));
            done++;
          } catch (RuntimeException | IOException e) {
            failures.put(job.input(), e.getMessage());
          }
        }
        bar.step();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%d segmented, %d already done, %d failed%n", done, skipped, failures.size());
    failures.forEach((file, why) -> out.printf("  failed: %s: %s%n", file, why));
    List<Confidence> least = confidences.stream()
        .sorted(Comparator.comparingDouble(Confidence::value).thenComparing(Confidence::file))
        .limit(Math.max(0, lowest)).toList();
    if (!least.isEmpty()) {
      out.printf("lowest mask confidence (0..1, predicts IoU; review these first):%n");
      least.forEach(c -> out.printf(Locale.ROOT, "  %.3f %s (%s)%n", c.value(), c.file(), c.model()));
    }
    out.flush();
    return failures.isEmpty() ? 0 : 1;
  }

  private EncodeOptions encodeOptions() {
    OutputKind kind = OutputKind.parse(output);
    int backgrounds = (background != null ? 1 : 0) + (backgroundImage != null ? 1 : 0) + (blur != null ? 1 : 0);
    if (kind == OutputKind.COMPOSITE && backgrounds != 1) {
      throw new IllegalArgumentException("a composite needs exactly one of --background, --background-image, --blur");
    }
    EncodeOptions options = switch (kind) {
      case ALPHA -> EncodeOptions.alpha();
      case RGBA -> EncodeOptions.rgba();
      case COMPOSITE -> EncodeOptions.composite(background(), OutputFormat.PNG);
    };
    if (format != null) {
      options = options.withFormat(OutputFormat.parse(format));
    }
    return cropMargin == null ? options : options.withCrop(SubjectCrop.fraction(cropMargin));
  }

  private Background background() {
    if (background != null) {
      return Background.Color.parse(background);
    }
    if (blur != null) {
      return new Background.Blur(blur);
    }
    try {
      return new Background.Image(new ImageDecoder().decode(Files.readAllBytes(backgroundImage)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + backgroundImage, e);
    }
  }

  private record Job(Path input, Path output) {}

  /** A segmented file's mask confidence and the model that produced the mask. */
  private record Confidence(Path file, double value, String model) {}

  private List<Job> jobs(String extension) throws IOException {
    List<Job> jobs = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> files = Files.walk(in)) {
          for (Path f : files.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList()) {
            jobs.add(new Job(f, outputDir.resolve(ImageFiles.withExtension(in.relativize(f), extension))));
          }
        }
      } else {
        jobs.add(new Job(in, outputDir.resolve(ImageFiles.withExtension(in.getFileName(), extension))));
      }
    }
    return jobs;
  }

}
