package io.humanseg.cli;

import io.humanseg.segment.SegmentOptions;
import picocli.CommandLine.Option;

/** Pipeline switches shared by the commands that segment. */
public final class PipelineOptions {
  @Option(names = "--model", description = "model name (default: the default model)")
  String model;

  @Option(names = "--second-pass", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "look again at the subject found by the first pass (default on)")
  boolean secondPass;

  @Option(names = "--refine", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "guided-filter edge refinement with the photo as guide (default off)")
  boolean refine;

  @Option(names = "--flip", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "average with the mirrored image's prediction (default off)")
  boolean flip;

  @Option(names = "--letterbox", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "keep the aspect ratio and pad instead of stretching (default off)")
  boolean letterbox;

  public SegmentOptions toOptions() {
    return new SegmentOptions(model, letterbox, secondPass, refine, flip);
  }

  /** A short label of the switches that differ from a plain single pass. */
  public String describe() {
    StringBuilder s = new StringBuilder(letterbox ? "letterbox" : "stretch");
    if (secondPass) {
      s.append("+second-pass");
    }
    if (refine) {
      s.append("+refine");
    }
    if (flip) {
      s.append("+flip");
    }
    return s.toString();
  }
}
