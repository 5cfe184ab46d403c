package io.humanseg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.humanseg.card.ModelCard;
import io.humanseg.eval.EvalReport;
import io.humanseg.eval.Evaluator;
import io.humanseg.inference.ModelSelection;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code humanseg eval --images DIR --masks DIR}: scores the pipeline against ground-truth masks with the
 * metrics of the evaluation data (mIoU, min IoU, MAE, boundary IoU) and writes a JSON report.
 */
@Command(
    name = "eval",
    description = "Score segmentation against ground-truth masks (mIoU, min IoU, MAE, boundary IoU).",
    mixinStandardHelpOptions = true)
public final class EvalCommand implements Callable<Integer> {
  private final PipelineFactory pipelines;

  @Option(names = "--images", required = true, description = "folder of photos")
  Path images;

  @Option(names = "--masks", required = true, description = "folder of 8-bit masks with the photos' base names (.png)")
  Path masks;

  @Option(names = "--json", description = "write the report here")
  Path json;

  @Option(names = "--threads", defaultValue = "1", description = "photos at once (default ${DEFAULT-VALUE}; 1 gives honest per-image times)")
  int threads;

  @Mixin PipelineOptions pipelineOptions;

  @Spec CommandSpec spec;

  public EvalCommand(PipelineFactory pipelines) {
    this.pipelines = pipelines;
  }

  @Override
  public Integer call() throws Exception {
    ModelSelection selection = pipelineOptions.select(pipelines);
    SegmentationPipeline pipeline = pipelineOptions.pipeline(pipelines, selection);
    SegmentOptions options = pipelineOptions.toOptions(selection);
    boolean auto = AutoModel.isAuto(options.model());
    ModelCard card = pipeline.segmenter().card(auto ? options.withModel(null) : options);
    String model = auto ? AutoModel.NAME : card.name();
    String described = pipelineOptions.describe(card);
    if (auto) {
      String quality = pipeline.autoQualityModel();
      described = card.name() + " " + described + (quality == null ? " alone"
          : String.format(java.util.Locale.ROOT, ", %s under confidence %.2f", quality, pipeline.auto().threshold()));
    }
    Evaluator evaluator = new Evaluator(bytes -> pipeline.run(bytes, options, false).segmentation(), threads);
    EvalReport report = evaluator.evaluate(images, masks, model, described, true);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%s [%s] on %d images: mIoU %.4f, min IoU %.4f, MAE %.4f, boundary IoU %.4f, %.1f ms/image%n",
        report.model(), report.pipeline(), report.count(), report.mIoU(), report.minIoU(), report.mae(),
        report.boundaryIoU(), report.millisPerImage());
    out.printf("confidence against IoU: Spearman %s, lowest %d%% of confidence catch %.0f%% of the worst %d%%; masks by"
            + " model %s%n",
        report.confidenceSpearman() == null ? "undefined (constant)"
            : String.format(java.util.Locale.ROOT, "%.3f", report.confidenceSpearman()),
        Math.round(EvalReport.DECILE * 100), 100 * report.worstDecileCaught(), Math.round(EvalReport.DECILE * 100),
        report.models());
    out.flush();
    if (json != null) {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
    }
    return 0;
  }
}
