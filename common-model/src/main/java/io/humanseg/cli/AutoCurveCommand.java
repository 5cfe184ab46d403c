package io.humanseg.cli;

import io.humanseg.eval.AutoCurve;
import io.humanseg.pipeline.AutoModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code humanseg auto-curve --fast FAST.json... --quality QUALITY.json...}: the threshold curve of {@code --model auto} (mIoU against
 * mean time per image) from two {@code eval --json} reports of the same photos, one per model; and the cheapest
 * threshold that keeps a share of the quality model's gain within a share of its time.
 */
@Command(
    name = "auto-curve",
    description = "mIoU and time of --model auto per threshold, from eval reports of the default and quality model.",
    mixinStandardHelpOptions = true)
public final class AutoCurveCommand implements Callable<Integer> {
  @Option(names = "--fast", required = true, arity = "1..*", paramLabel = "FAST.json",
      description = "eval --json reports of the default model (several sets: one file each)")
  List<Path> fast;

  @Option(names = "--quality", required = true, arity = "1..*", paramLabel = "QUALITY.json",
      description = "eval --json reports of the quality model on the same photos")
  List<Path> quality;

  @Option(names = "--step", defaultValue = "0.01", description = "threshold step (default ${DEFAULT-VALUE})")
  double step;

  @Option(names = "--every", defaultValue = "5", description = "print every this many steps (default ${DEFAULT-VALUE})")
  int every;

  @Option(names = "--min-gain-kept", defaultValue = "0.8",
      description = "share of the quality model's mIoU gain to keep (default ${DEFAULT-VALUE})")
  double minGainKept;

  @Option(names = "--max-time-share", defaultValue = "0.3",
      description = "share of the quality model's mean time to stay within (default ${DEFAULT-VALUE})")
  double maxTimeShare;

  @Option(names = "--csv", description = "write every step here")
  Path csv;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!(step > 0 && step <= 1) || every < 1) {
      throw new IllegalArgumentException("--step must be in (0, 1] and --every at least 1");
    }
    AutoCurve curve = AutoCurve.of(read(fast), read(quality), step);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "fast model: mIoU %.4f, %.1f ms/image; quality model: mIoU %.4f, %.1f ms/image%n",
        curve.fastMIoU(), curve.fastMillis(), curve.qualityMIoU(), curve.qualityMillis());
    out.println("| threshold | escalated | mIoU | ms/image | gain kept | time share |");
    out.println("|---|---|---|---|---|---|");
    AutoCurve.Point chosen = curve.choose(minGainKept, maxTimeShare).orElse(null);
    List<String> rows = new ArrayList<>(List.of("threshold,escalated,miou,ms_per_image,gain_kept,time_share"));
    for (int i = 0; i < curve.points().size(); i++) {
      AutoCurve.Point p = curve.points().get(i);
      rows.add(String.format(Locale.ROOT, "%.4f,%d,%.6f,%.3f,%.4f,%.4f", p.threshold(), p.escalated(), p.mIoU(),
          p.millisPerImage(), p.gainKept(), p.timeShare()));
      if (i % every == 0 || i == curve.points().size() - 1 || p == chosen) {
        out.printf(Locale.ROOT, "| %s%.2f%s | %d | %.4f | %.1f | %s | %d%% |%n", p == chosen ? "**" : "",
            p.threshold(), p == chosen ? "**" : "", p.escalated(), p.mIoU(), p.millisPerImage(),
            Double.isNaN(p.gainKept()) ? "n/a" : Math.round(100 * p.gainKept()) + "%",
            Math.round(100 * p.timeShare()));
      }
    }
    if (chosen == null) {
      out.printf(Locale.ROOT, "no threshold keeps %.0f%% of the gain within %.0f%% of the quality model's time%n",
          100 * minGainKept, 100 * maxTimeShare);
    } else {
      out.printf(Locale.ROOT, "cheapest threshold keeping %.0f%% of the gain within %.0f%% of the time: %.2f (%s=%.2f;"
              + " the built-in default is %.2f)%n", 100 * minGainKept, 100 * maxTimeShare, chosen.threshold(),
          AutoModel.THRESHOLD_VARIABLE, chosen.threshold(), AutoModel.DEFAULT_THRESHOLD);
    }
    out.flush();
    if (csv != null) {
      Files.write(csv, rows);
    }
    return 0;
  }

  /** The images of all these reports, as one set. */
  private static List<io.humanseg.eval.ImageResult> read(List<Path> reports) {
    List<io.humanseg.eval.ImageResult> all = new ArrayList<>();
    reports.forEach(r -> all.addAll(AutoCurve.read(r)));
    return all;
  }
}
