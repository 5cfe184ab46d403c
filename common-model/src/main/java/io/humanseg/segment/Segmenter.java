package io.humanseg.segment;

import io.humanseg.card.ModelCard;
import io.humanseg.image.AlphaMask;
import io.humanseg.image.DecodeSize;
import io.humanseg.image.ImageInfo;
import io.humanseg.image.RgbImage;
import io.humanseg.inference.InferenceConfig;
import io.humanseg.inference.ModelOutput;
import io.humanseg.inference.ModelProvider;
import io.humanseg.inference.ModelSessions;
import io.humanseg.parallel.Bands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments people in decoded images: model pass over the whole image, an optional second pass on each group of
 * people (or on tiles where nobody was found), optional edge refinement, then the alpha at the requested size.
 * Thread-safe; one instance serves a whole server or executor JVM.
 */
public final class Segmenter implements AutoCloseable {
  /** Share of the image that must be person to report one; below it the mask is empty. */
  static final double MIN_FOREGROUND = 0.002;
  /**
   * Probability at which a pixel counts as person (the evaluation's threshold): alpha 128 in the mask
   * ({@link MapComposer}), and the cut of {@link MaskConfidence}.
   */
  static final float PERSON = 0.5f;
  /**
   * Probability above which the first pass's pixels define the subject box. Lower than {@link #PERSON} so that
   * faint, small people still get a box and a closer look (tuned on the dev sets, see QUALITY.md).
   */
  static final float SUBJECT = 0.25f;
  /**
   * Where the first look (and the second pass, if any) found nobody, the model looks again at a 2 x 2 grid of
   * tiles, each this share of the working image's sides (so they overlap by a fifth of it), before answering
   * that there is no one: a person too small for the whole-image input can fill enough of a tile's.
   */
  static final double TILE = 0.6;
  /**
   * The most second-pass crops: people standing apart get one each (see {@link SubjectClusters}), beyond this
   * the nearest groups share one.
   */
  static final int MAX_CROPS = 3;
  /** Second-pass crop margin, as a share of the subject box's longer side. */
  static final double CROP_MARGIN = 0.15;
  /**
   * No second pass when the crop would cover at least this share of the image: it would see nearly the same
   * (0.8 before the per-group crops; 0.9 to 1.0 scored the same and better than 0.7-0.85 on both dev sets).
   */
  static final double MAX_CROP_SHARE = 0.9;
  /** Guided filter: window radius as a share of the longer side, and regularisation (tuned on the dev sets). */
  static final float REFINE_RADIUS = 1 / 256f;
  static final float REFINE_EPS = 1e-4f;
  /**
   * Longest side the probability canvas and the refinement work at, for models with small inputs. Larger photos
   * are shrunk first and the alpha enlarged at the end: the built-in models see 256 px anyway, and a canvas of a
   * 4096 px photo would take 50 MB of floats per request (the guided filter eight times that). Models with
   * larger inputs get more (see {@link #workingSide}), up to {@link #MAX_WORKING_SIDE}.
   */
  static final int WORKING_SIDE = 1024;
  /** The most any model gets: a 2048 px canvas is 16 MB of floats per request. */
  static final int MAX_WORKING_SIDE = 2048;
  /**
   * How much larger than the model input a photo is decoded when a second pass may crop it, so that the crop
   * still has pixels to give.
   */
  static final int SECOND_PASS_OVERSAMPLE = 2;

  private final ModelSessions sessions;

  public Segmenter(ModelProvider models, InferenceConfig config) {
    this.sessions = new ModelSessions(models, config);
  }

  public ModelSessions sessions() {
    return sessions;
  }

  /**
   * How large a photo must be decoded for these options: every pixel for refinement (the guided filter takes the
   * photo as its guide), else the model input, twice that when a second pass may crop it so that the crop still
   * has pixels to give. The rule is the segmenter's because it is the one that shrinks what it gets.
   */
  public DecodeSize decodeSize(SegmentOptions options, ImageInfo info) {
    if (options.refine()) {
      return DecodeSize.FULL;
    }
    ModelCard card = card(options);
    InputSize input = InputSize.of(card.input(), info.width(), info.height());
    int oversample = options.secondPassWith(card) ? SECOND_PASS_OVERSAMPLE : 1;
    return new DecodeSize(input.width() * oversample, input.height() * oversample);
  }

  /** The card of the model these options select. */
  public ModelCard card(SegmentOptions options) {
    return sessions.card(modelName(options));
  }

  /**
   * @param photo the photo, possibly decoded at reduced size (shrunk further to the working side if larger)
   * @param outWidth width of the mask to return (the photo's displayed width)
   * @param outHeight height of the mask to return
   */
  public Segmentation segment(RgbImage photo, int outWidth, int outHeight, SegmentOptions options) {
    String model = modelName(options);
    ModelCard card = sessions.card(model);
    Stopwatch clock = new Stopwatch();
    RgbImage image = workingCopy(photo, workingSide(card.input(), photo, options.secondPassWith(card)));
    clock.lap("preprocess");
    Region whole = Region.whole(image.width(), image.height());

    ProbabilityMap first = predict(model, card, image, whole, options, clock);
    int w = image.width();
    int h = image.height();
    List<MapComposer.Placed> crops = new ArrayList<>();
    if (options.secondPassWith(card)) {
      List<Region> subjects = SubjectClusters.crops(first, whole, SUBJECT, CROP_MARGIN, w, h, MAX_CROPS);
      clock.lap("postprocess");
      for (Region crop : subjects) {
        if (crop.area() < MAX_CROP_SHARE * whole.area()) {
          crops.add(new MapComposer.Placed(predict(model, card, image, crop, options, clock), crop));
        }
      }
    }

    MapComposer.Alpha alpha = compose(image, first, crops, options, outWidth, outHeight);
    boolean tiled = false;
    if (alpha.foregroundShare() < MIN_FOREGROUND && options.secondPassWith(card)) {
      // Nobody at the first look: a small or distant person may show at a finer scale, in overlapping tiles.
      crops = tiles(model, card, image, options, clock);
      alpha = compose(image, first, crops, options, outWidth, outHeight);
      tiled = true;
    }
    boolean personFound = alpha.foregroundShare() >= MIN_FOREGROUND;
    AlphaMask mask = alpha.mask();
    if (!personFound) {
      java.util.Arrays.fill(mask.alpha(), (byte) 0);
    }
    // Tiles overlap, so their confidence is taken on the composed map at working size (the rare path: photos
    // where the first look found nobody); the subjects' crops do not, so theirs on the maps themselves.
    double confidence = !personFound ? 0
        : tiled ? MaskConfidence.of(new ProbabilityMap(w, h, new MapComposer(first, crops, w, h, w, h).toFloats()),
            List.of(), w, h)
        : MaskConfidence.of(first, crops, w, h);
    clock.lap("postprocess");
    return new Segmentation(mask, personFound, model, confidence, clock.millis());
  }

  /** The maps composed at the output size; with refinement, guided-filtered on the working image's grid first. */
  private static MapComposer.Alpha compose(RgbImage image, ProbabilityMap first, List<MapComposer.Placed> crops,
      SegmentOptions options, int outWidth, int outHeight) {
    int w = image.width();
    int h = image.height();
    if (!options.refine()) {
      return new MapComposer(first, crops, w, h, outWidth, outHeight).toAlpha(Bands.now());
    }
    float[] canvas = new MapComposer(first, crops, w, h, w, h).toFloats();
    int radius = Math.max(2, Math.round(Math.max(w, h) * REFINE_RADIUS));
    GuidedFilter.apply(image, canvas, radius, REFINE_EPS);
    return new MapComposer(new ProbabilityMap(w, h, canvas), List.of(), w, h, outWidth, outHeight)
        .toAlpha(Bands.now());
  }

  /** The model on a 2 x 2 grid of overlapping tiles, each {@link #TILE} of the image's sides. */
  private List<MapComposer.Placed> tiles(String model, ModelCard card, RgbImage image, SegmentOptions options,
      Stopwatch clock) {
    int w = image.width();
    int h = image.height();
    int tw = Math.max(1, (int) Math.round(w * TILE));
    int th = Math.max(1, (int) Math.round(h * TILE));
    List<MapComposer.Placed> tiles = new ArrayList<>();
    for (int y : new int[] {0, h - th}) {
      for (int x : new int[] {0, w - tw}) {
        Region tile = new Region(x, y, tw, th);
        tiles.add(new MapComposer.Placed(predict(model, card, image, tile, options, clock), tile));
      }
    }
    return tiles;
  }

  private ProbabilityMap predict(
      String model, ModelCard card, RgbImage image, Region region, SegmentOptions options, Stopwatch clock) {
    ProbabilityMap map = predictOnce(model, card, image, region, options.letterbox(), false, clock);
    if (options.flip()) {
      map = map.average(predictOnce(model, card, image, region, options.letterbox(), true, clock));
    }
    return map;
  }

  private ProbabilityMap predictOnce(
      String model, ModelCard card, RgbImage image, Region region, boolean letterbox, boolean mirror,
      Stopwatch clock) {
    ModelCard.Input input = card.input();
    InputSize size = InputSize.of(input, region.width(), region.height());
    // Only a fixed-size input can distort the aspect ratio; the other policies keep it already.
    boolean pad = letterbox && InputSize.isFixed(input);
    Region target = pad ? Letterbox.target(region, size.width(), size.height()) : Region.whole(size.width(), size.height());
    float[] tensor = InputTensor.fill(image, region, input, size, target, mirror);
    clock.lap("preprocess");
    ModelOutput raw = sessions.run(model, tensor, size.shape(input));
    clock.lap("inference");
    ProbabilityMap map = ProbabilityMap.fromOutput(raw.values(), raw.shape(), card.output(), mirror);
    map = pad ? Letterbox.content(map, target, size.width(), size.height()) : map;
    clock.lap("postprocess");
    return map;
  }

  /**
   * {@link #WORKING_SIDE}, or more for models whose input is larger: the model's input side, twice that with a
   * second pass so that the crop still has pixels to look at.
   */
  private static int workingSide(ModelCard.Input input, RgbImage photo, boolean secondPass) {
    InputSize size = InputSize.of(input, photo.width(), photo.height());
    int wanted = (secondPass ? 2 : 1) * Math.max(size.width(), size.height());
    return Math.min(MAX_WORKING_SIDE, Math.max(WORKING_SIDE, wanted));
  }

  private static RgbImage workingCopy(RgbImage photo, int side) {
    int longest = Math.max(photo.width(), photo.height());
    if (longest <= side) {
      return photo;
    }
    double scale = (double) side / longest;
    return RgbResize.shrink(photo, Math.max(1, (int) Math.round(photo.width() * scale)),
        Math.max(1, (int) Math.round(photo.height() * scale)));
  }

  private String modelName(SegmentOptions options) {
    return options.model() != null ? options.model() : sessions.provider().defaultName();
  }

  @Override
  public void close() {
    sessions.close();
  }

  /** Milliseconds per stage, summed over repeated laps of the same stage. */
  private static final class Stopwatch {
    private final Map<String, Double> millis = new LinkedHashMap<>();
    private long last = System.nanoTime();

    void lap(String stage) {
      long now = System.nanoTime();
      millis.merge(stage, (now - last) / 1e6, Double::sum);
      last = now;
    }

    Map<String, Double> millis() {
      return Map.copyOf(millis);
    }
  }
}
