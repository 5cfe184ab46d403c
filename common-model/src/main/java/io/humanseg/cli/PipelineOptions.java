package io.humanseg.cli;

import io.humanseg.inference.ExecutionProvider;
import io.humanseg.inference.FolderModelProvider;
import io.humanseg.inference.ModelSelection;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Pipeline switches shared by the commands that segment. */
public final class PipelineOptions {
  @Option(names = "--model", paramLabel = "NAME|PATH",
      description = "a model name, the path of a model card (or its folder), or auto: the default model, and the"
          + " quality model where its confidence is under the threshold (default: the default model)")
  String model;

  @Option(names = "--auto-model", paramLabel = "NAME", defaultValue = "${env:" + AutoModel.MODEL_VARIABLE + "}",
      description = "the quality model of --model auto (env " + AutoModel.MODEL_VARIABLE + ", default "
          + AutoModel.DEFAULT_QUALITY_MODEL + ")")
  String autoModel;

  @Option(names = "--auto-threshold", paramLabel = "0..1",
      defaultValue = "${env:" + AutoModel.THRESHOLD_VARIABLE + "}",
      description = "--model auto runs the quality model where the default model's confidence is under this (env "
          + AutoModel.THRESHOLD_VARIABLE + ", default " + AutoModel.DEFAULT_THRESHOLD + ")")
  String autoThreshold;

  @Option(names = "--models-dir", paramLabel = "DIR",
      description = "folder of installed models (default: $HUMANSEG_MODELS_DIR, else ./models)")
  Path modelsDir;

  @Option(names = "--execution-provider", defaultValue = "cpu", paramLabel = "cpu|cuda|auto",
      description = "where ONNX Runtime runs the model: cpu, cuda (GPU build only; fails at once without CUDA) or"
          + " auto (CUDA when usable, else CPU); default ${DEFAULT-VALUE}")
  ExecutionProvider executionProvider;

  @Option(names = "--second-pass", negatable = true,
      description = "look again at each group of people the first pass found, or at tiles where it finds nobody "
          + "(default: the model card's choice, else on)")
  Boolean secondPass;

  @Option(names = "--refine", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "guided-filter edge refinement with the photo as guide (default off)")
  boolean refine;

  @Option(names = "--flip", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "average with the mirrored image's prediction (default off)")
  boolean flip;

  @Option(names = "--letterbox", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "keep the aspect ratio and pad instead of stretching (default off)")
  boolean letterbox;

  /** The models to load and the one {@code --model} picks (unknown names fail here, listing the known). */
  public ModelSelection select(PipelineFactory factory) {
    if (AutoModel.isAuto(model)) {
      autoModel(); // a bad setting fails here, before any work
      return new ModelSelection(factory.installedModels(modelsDir()), AutoModel.NAME);
    }
    return ModelSelection.of(model, factory.installedModels(modelsDir()));
  }

  /** A pipeline on the selected models, on the chosen execution provider. */
  public SegmentationPipeline pipeline(PipelineFactory factory, ModelSelection selection) {
    return factory.create(selection.models(), executionProvider, autoModel());
  }

  /** What {@code --model auto} runs: {@code --auto-model} and {@code --auto-threshold}, else their variables. */
  public AutoModel autoModel() {
    return AutoModel.of(autoModel, autoThreshold);
  }

  /** The switches, with the model {@link #select} picked. */
  public SegmentOptions toOptions(ModelSelection selection) {
    return toOptions(selection.model());
  }

  /** The switches, for the model of this name (null: the default model). */
  public SegmentOptions toOptions(String modelName) {
    return new SegmentOptions(modelName, letterbox, secondPass, refine, flip);
  }

  /** {@code --model}: a name, a card's path, or null for the default model. */
  public String model() {
    return model;
  }

  /** {@code --models-dir}, or its default ($HUMANSEG_MODELS_DIR, else ./models). */
  public Path modelsDir() {
    return modelsDir != null ? modelsDir : FolderModelProvider.defaultDir();
  }

  public ExecutionProvider executionProvider() {
    return executionProvider;
  }

  /** A short label of what runs with this model: the switches, with the card's default where none was given. */
  public String describe(io.humanseg.card.ModelCard card) {
    boolean secondPass = this.secondPass != null ? this.secondPass : card.secondPassByDefault();
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
