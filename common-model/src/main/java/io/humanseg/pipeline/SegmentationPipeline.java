package io.humanseg.pipeline;

import io.humanseg.image.DecodeSize;
import io.humanseg.image.ImageDecoder;
import io.humanseg.image.ImageInfo;
import io.humanseg.image.ImageLimits;
import io.humanseg.inference.ExecutionProvider;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.inference.ModelProvider;
import io.humanseg.inference.UnknownModelException;
import io.humanseg.parallel.Bands;
import io.humanseg.image.RgbImage;
import io.humanseg.segment.SegmentOptions;
import io.humanseg.segment.Segmentation;
import io.humanseg.segment.Segmenter;
import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.EncodedResult;
import io.humanseg.encode.OutputKind;
import io.humanseg.encode.ResultEncoder;
import io.humanseg.encode.SegmentationMetadata;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encoded photo in, alpha at the photo's displayed size out: decode (at the size the segmenter asks for, the
 * header read once), segment, and report how long each stage took. Shared by the server, the Spark job and the
 * command line.
 */
public final class SegmentationPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentationPipeline.class);
  private static final String[] STAGES = {"decode", "preprocess", "inference", "postprocess"};

  private final ImageDecoder decoder;
  private final Segmenter segmenter;
  private final ResultEncoder encoder;
  private final AutoModel auto;
  /** Set once the log has said that {@code auto} has no quality model to run. */
  private final AtomicBoolean saidAutoIsDefault = new AtomicBoolean();

  public SegmentationPipeline(ImageDecoder decoder, Segmenter segmenter, ResultEncoder encoder) {
    this(decoder, segmenter, encoder, AutoModel.defaults());
  }

  public SegmentationPipeline(ImageDecoder decoder, Segmenter segmenter, ResultEncoder encoder, AutoModel auto) {
    this.decoder = decoder;
    this.segmenter = segmenter;
    this.encoder = encoder;
    this.auto = Objects.requireNonNull(auto, "auto");
  }

  /**
   * The one way the server, the CLI and the Spark job build a pipeline: on these models, with named settings
   * (defaults: ORT intra-op threads 1, at most 4 models loaded, {@link ImageLimits#DEFAULT}).
   */
  public static Builder on(ModelProvider models) {
    return new Builder(models);
  }

  /** Settings of a pipeline; see {@link SegmentationPipeline#on}. */
  public static final class Builder {
    private final ModelProvider models;
    private InferenceConfig inference = InferenceConfig.defaults();
    private ImageLimits limits = ImageLimits.DEFAULT;
    private AutoModel auto = AutoModel.defaults();

    private Builder(ModelProvider models) {
      this.models = Objects.requireNonNull(models, "models");
    }

    /** Threads one inference may use: 1 where callers already run one image per core, 0 for all cores. */
    public Builder intraOpThreads(int threads) {
      inference = inference.withIntraOpThreads(threads);
      return this;
    }

    /** How many model sessions stay open at once (least recently used closed first). */
    public Builder maxLoadedModels(int models) {
      inference = inference.withMaxLoadedModels(models);
      return this;
    }

    /** Where ONNX Runtime runs the models (default {@link ExecutionProvider#CPU}). */
    public Builder executionProvider(ExecutionProvider provider) {
      inference = inference.withExecutionProvider(provider);
      return this;
    }

    /** Size limits on the photos it decodes. */
    public Builder limits(ImageLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** What the model name {@code auto} runs (default {@link AutoModel#defaults()}). */
    public Builder auto(AutoModel auto) {
      this.auto = Objects.requireNonNull(auto, "auto");
      return this;
    }

    public SegmentationPipeline build() {
      if (inference.maxLoadedModels() < 2 && installed(auto.qualityModel())
          && !auto.qualityModel().equals(models.defaultName())) {
        // Not an error: auto still answers, but each escalation would close one model and load the other.
        LOG.warn("model auto: only {} model may stay loaded, so each request that escalates to '{}' closes '{}' "
            + "and loads '{}', then the other way round (seconds each); allow 2 (max_loaded_models)",
            inference.maxLoadedModels(), auto.qualityModel(), models.defaultName(), auto.qualityModel());
      }
      return new SegmentationPipeline(new ImageDecoder(limits), new Segmenter(models, inference),
          new ResultEncoder(), auto);
    }

    private boolean installed(String model) {
      try {
        models.card(model);
        return true;
      } catch (UnknownModelException e) {
        return false;
      }
    }
  }

  /** The whole path: decode, segment, and encode the image the options ask for, with its metadata. */
  public Processed process(byte[] encoded, SegmentOptions options, EncodeOptions output) {
    try (Bands.Request request = Bands.request()) {
      return encode(segment(encoded, options, output.kind() != OutputKind.ALPHA), output);
    }
  }

  private Processed encode(Result result, EncodeOptions output) {
    long start = System.nanoTime();
    EncodedResult image = encoder.encode(result.image(), result.segmentation().mask(), output);
    Map<String, Double> millis = new LinkedHashMap<>();
    for (String stage : STAGES) {
      millis.put(stage, result.millis().getOrDefault(stage, 0.0));
    }
    millis.put("encode", (System.nanoTime() - start) / 1e6);
    Segmentation segmentation = result.segmentation();
    return new Processed(image,
        SegmentationMetadata.of(image, segmentation.model(), segmentation.confidence(), millis));
  }

  public Segmenter segmenter() {
    return segmenter;
  }

  public ImageDecoder decoder() {
    return decoder;
  }

  /** What {@code auto} runs here. */
  public AutoModel auto() {
    return auto;
  }

  /**
   * The model {@code auto} escalates to, or null when it cannot: the quality model is not installed (said once
   * in the log) or is the default model itself.
   */
  public String autoQualityModel() {
    String defaultModel = segmenter.sessions().provider().defaultName();
    String quality = auto.qualityModel();
    String why = null;
    if (quality.equals(defaultModel)) {
      why = "is the default model";
    } else {
      try {
        segmenter.sessions().provider().card(quality);
        return quality;
      } catch (UnknownModelException e) {
        why = "is not installed";
      }
    }
    if (saidAutoIsDefault.compareAndSet(false, true)) {
      LOG.info("model auto: the quality model '{}' {}, so auto runs the default model '{}' alone", quality, why,
          defaultModel);
    }
    return null;
  }

  /**
   * @param fullResolution decode every pixel (needed for cut-outs and composites); otherwise decode at the
   *     size the segmenter asks for ({@link Segmenter#decodeSize})
   */
  public Result run(byte[] encoded, SegmentOptions options, boolean fullResolution) {
    try (Bands.Request request = Bands.request()) {
      return segment(encoded, options, fullResolution);
    }
  }

  private Result segment(byte[] encoded, SegmentOptions options, boolean fullResolution) {
    if (!AutoModel.isAuto(options.model())) {
      return segmentWith(encoded, options, fullResolution);
    }
    // auto: the default model, then the quality model when the default one is unsure. The photo is decoded
    // again for it, at the size it asks for, so that each model's mask is the one it gives on its own.
    Result fast = segmentWith(encoded, options.withModel(null), fullResolution);
    String quality = auto.escalates(fast.segmentation().confidence()) ? autoQualityModel() : null;
    if (quality == null) {
      return fast;
    }
    Result better = segmentWith(encoded, options.withModel(quality), fullResolution);
    Map<String, Double> millis = new HashMap<>(fast.millis());
    better.millis().forEach((stage, ms) -> millis.merge(stage, ms, Double::sum));
    return new Result(better.info(), better.image(), better.segmentation(), Map.copyOf(millis));
  }

  private Result segmentWith(byte[] encoded, SegmentOptions options, boolean fullResolution) {
    long start = System.nanoTime();
    ImageDecoder.Decoded decoded = decoder.decode(encoded,
        info -> fullResolution ? DecodeSize.FULL : segmenter.decodeSize(options, info));
    ImageInfo info = decoded.info();
    RgbImage image = decoded.image();
    double decodeMillis = (System.nanoTime() - start) / 1e6;
    Segmentation segmentation = segmenter.segment(image, info.width(), info.height(), options);
    Map<String, Double> millis = new HashMap<>(segmentation.millis());
    millis.put("decode", decodeMillis);
    return new Result(info, fullResolution ? image : null, segmentation, Map.copyOf(millis));
  }

  /** An encoded result and what the API reports beside it. */
  public record Processed(EncodedResult image, SegmentationMetadata metadata) {}

  /**
   * @param image the decoded photo at full resolution, when it was asked for
   * @param millis time per stage: decode, preprocess, inference, postprocess
   */
  public record Result(ImageInfo info, RgbImage image, Segmentation segmentation, Map<String, Double> millis) {}
}
