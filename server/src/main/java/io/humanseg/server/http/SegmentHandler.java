package io.humanseg.server.http;

import io.humanseg.encode.Background;
import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.EncodedResult;
import io.humanseg.encode.ForegroundStats;
import io.humanseg.encode.OutputFormat;
import io.humanseg.encode.OutputKind;
import io.humanseg.encode.SegmentationMetadata;
import io.humanseg.pipeline.AutoModel;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.pipeline.SegmentationPipeline.Processed;
import io.humanseg.server.api.ApiError;
import io.humanseg.server.api.SegmentRequest;
import io.humanseg.server.fetch.FetchedImage;
import io.humanseg.server.fetch.ImageFetcher;
import io.humanseg.server.metrics.ServerMetrics;
import io.humanseg.server.work.BoundedWorkers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The segmentation routes. On the event loop: parse, check the model, fetch URLs (asynchronously). On a
 * worker: base64-decode, decode, segment, encode, base64-encode. The answer is written back on the event loop.
 */
final class SegmentHandler {
  private final SegmentationPipeline pipeline;
  private final BoundedWorkers workers;
  private final ImageFetcher fetcher;
  private final ServerMetrics metrics;
  private final long deadlineNanos;
  /**
   * JSON bodies up to this size (a 1080p photo's base64) are parsed on the event loop, well under a millisecond;
   * larger ones on a worker. Parsing typical bodies here keeps them to one worker task, so that a request admitted
   * while the queue had room is not refused between its parse and its processing.
   */
  static final int INLINE_PARSE_BYTES = 512 * 1024;
  private static final String GONE = "humanseg.clientGone";

  SegmentHandler(SegmentationPipeline pipeline, BoundedWorkers workers, ImageFetcher fetcher, ServerMetrics metrics,
      long deadlineMillis) {
    this.pipeline = pipeline;
    this.workers = workers;
    this.fetcher = fetcher;
    this.metrics = metrics;
    this.deadlineNanos = deadlineMillis * 1_000_000;
  }

  /** {@code POST /} and {@code POST /seg}: the seed's contract, JSON in, {@code {"result"}} out. */
  void seed(RoutingContext ctx) {
    parse(ctx, SegmentRequest::seed)
        .compose(request -> run(ctx, request, null, Reply.SEED))
        .onSuccess(answer -> Responses.json(ctx, 200, answer.json()))
        .onFailure(e -> fail(ctx, e));
  }

  /** {@code POST /v1/segment}: JSON, a raw image body or multipart, answered as JSON or as the image. */
  void segment(RoutingContext ctx) {
    Future<SegmentRequest> request;
    Supplier<Future<byte[]>> upload = null;
    switch (BodyReader.kind(ctx)) {
      case MULTIPART -> {
        MultipartForm.Parts form = BodyReader.form(ctx);
        if (form.image() == null) {
          throw ApiError.badRequest("MISSING_IMAGE", "multipart needs an " + MultipartForm.IMAGE_PART + " part");
        }
        request = Future.succeededFuture(SegmentRequest.upload(form.fields()::get));
        upload = () -> Future.succeededFuture(form.image());
      }
      case IMAGE -> {
        request = Future.succeededFuture(SegmentRequest.upload(ctx.request()::getParam));
        Buffer body = BodyReader.body(ctx);
        upload = () -> Future.succeededFuture(body == null ? new byte[0] : body.getBytes());
      }
      default -> request = parse(ctx, SegmentRequest::extended);
    }
    String accept = ctx.request().getHeader("Accept");
    boolean raw = wantsImage(accept);
    Supplier<Future<byte[]>> uploaded = upload;
    request
        .map(r -> new SegmentRequest(r.url(), r.img(), r.segment(),
            withFormat(r.output(), chooseFormat(r.output(), accept, raw))))
        .compose(r -> run(ctx, r, uploaded, raw ? Reply.IMAGE : Reply.JSON))
        .onSuccess(answer -> {
          HttpServerResponse response = ctx.response();
          metadataHeaders(response, answer.image(), answer.metadata());
          if (!raw) {
            Responses.json(ctx, 200, answer.json());
          } else if (!response.ended() && !response.closed()) {
            response.putHeader("Content-Type", answer.image().mediaType()).end(Buffer.buffer(answer.image().bytes()));
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  /**
   * The JSON body as a request. A small body (a URL, a thumbnail) is parsed here; a large one (a base64 photo)
   * on a worker, so that the event loop never spends tens of milliseconds inside a JSON parser.
   */
  private Future<SegmentRequest> parse(RoutingContext ctx, Function<String, SegmentRequest> parser) {
    Buffer body = BodyReader.body(ctx);
    if (body == null || body.length() <= INLINE_PARSE_BYTES) {
      return Future.succeededFuture(parser.apply(body == null ? null : body.toString(StandardCharsets.UTF_8)));
    }
    AtomicBoolean gone = clientGone(ctx);
    return workers.submit(ctx.vertx().getOrCreateContext(), () -> parser.apply(body.toString(StandardCharsets.UTF_8)),
        gone::get);
  }

  /** Set once the client's connection closes; shared by every task of the request. */
  private static AtomicBoolean clientGone(RoutingContext ctx) {
    AtomicBoolean gone = ctx.get(GONE);
    if (gone == null) {
      AtomicBoolean flag = new AtomicBoolean();
      ctx.response().closeHandler(v -> flag.set(true));
      ctx.put(GONE, flag);
      gone = flag;
    }
    return gone;
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.fail(e);
    }
  }

  /** What came back from the worker. */
  record Answer(EncodedResult image, SegmentationMetadata metadata, Buffer json) {}

  /** The shape of the answer; JSON bodies are built on the worker (a base64 cut-out can be tens of MB). */
  enum Reply { SEED, JSON, IMAGE }

  /**
   * Fetches what must be fetched, then processes on a worker.
   *
   * @param upload the raw or multipart image, or null for url/img
   * @param reply what the answer's body will be
   */
  private Future<Answer> run(
      RoutingContext ctx, SegmentRequest request, Supplier<Future<byte[]>> upload, Reply reply) {
    Future<byte[]> uploaded = upload == null ? null : upload.get();
    if (!request.hasSource() && uploaded == null) {
      throw ApiError.badRequest("MISSING_IMAGE", "give \"url\" or \"img\"");
    }
    // An unknown model is the client's mistake: say so before fetching or queueing anything.
    if (request.segment().model() != null && !AutoModel.isAuto(request.segment().model())) {
      pipeline.segmenter().sessions().provider().card(request.segment().model());
    }
    Future<byte[]> source = request.url() != null
        ? fetcher.fetch(request.url()).map(FetchedImage::bytes)
        : uploaded != null ? uploaded : Future.succeededFuture(null);
    String backgroundUrl = request.output().backgroundUrl();
    Future<byte[]> background = backgroundUrl == null
        ? Future.succeededFuture(null) : fetcher.fetch(backgroundUrl).map(FetchedImage::bytes);

    // Work for a client that left, or whose deadline passed while it waited, is skipped.
    AtomicBoolean gone = clientGone(ctx);
    long deadline = System.nanoTime() + deadlineNanos;

    return Future.all(source, background)
        .compose(v -> workers.submit(ctx.vertx().getOrCreateContext(),
            () -> process(request, source.result(), background.result(), reply),
            () -> gone.get() || System.nanoTime() > deadline));
  }

  /** Runs on a worker. */
  private Answer process(SegmentRequest request, byte[] fetched, byte[] backgroundBytes, Reply reply) {
    byte[] bytes = fetched != null ? fetched : SegmentRequest.decodeBase64(request.img());
    SegmentRequest.Output out = request.output();
    EncodeOptions options = new EncodeOptions(out.kind(), out.format(), background(out, backgroundBytes), out.crop(),
        out.quality(), ForegroundStats.DEFAULT_THRESHOLD);
    Processed processed = pipeline.process(bytes, request.segment(), options);
    metrics.record(bytes.length, processed.metadata());
    EncodedResult image = processed.image();
    String base64 = reply == Reply.IMAGE ? null : Base64.getEncoder().encodeToString(image.bytes());
    JsonObject json = switch (reply) {
      case SEED -> new JsonObject().put("result", base64);
      case JSON -> new JsonObject().put("result", base64).put("media_type", image.mediaType())
          .put("metadata", JsonObject.mapFrom(processed.metadata()));
      case IMAGE -> null;
    };
    return new Answer(image, processed.metadata(), json == null ? null : json.toBuffer());
  }

  private Background background(SegmentRequest.Output out, byte[] imageBytes) {
    if (out.kind() != OutputKind.COMPOSITE) {
      return null;
    }
    if (imageBytes != null) {
      return new Background.Image(pipeline.decoder().decode(imageBytes));
    }
    if (out.blur() != null) {
      return new Background.Blur(out.blur());
    }
    return out.color() != null ? out.color() : new Background.Color(255, 255, 255);
  }

  private static boolean wantsImage(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("image/")
        && !accept.toLowerCase(Locale.ROOT).contains("application/json");
  }

  /**
   * The client's {@code format}, else the first image type in Accept that suits the output, else PNG (JPEG for
   * composites, which have no alpha to keep). 406 when Accept asks only for types the output cannot have.
   */
  private static OutputFormat chooseFormat(SegmentRequest.Output out, String accept, boolean raw) {
    if (out.format() != null) {
      return out.format();
    }
    OutputFormat fallback = out.kind() == OutputKind.COMPOSITE ? OutputFormat.JPEG : OutputFormat.PNG;
    if (!raw) {
      return fallback;
    }
    String a = accept.toLowerCase(Locale.ROOT);
    if (a.contains("image/*")) {
      return fallback;
    }
    for (String part : a.split(",")) {
      String mediaType = part.split(";")[0].trim();
      for (OutputFormat f : OutputFormat.values()) {
        if (f.mediaType().equals(mediaType) && out.kind().carries(f)) {
          return f;
        }
      }
    }
    throw new ApiError(406, "NOT_ACCEPTABLE", "Accept: " + ApiError.shown(accept) + " has no image type for output "
        + out.kind().name().toLowerCase(Locale.ROOT));
  }

  private static SegmentRequest.Output withFormat(SegmentRequest.Output o, OutputFormat format) {
    return new SegmentRequest.Output(o.kind(), format, o.color(), o.backgroundUrl(), o.blur(), o.crop(), o.quality());
  }

  /**
   * remove.bg's headers: the result's size and the person's box in the original photo; and humanseg's: the model
   * that produced the mask and the mask's confidence.
   */
  private static void metadataHeaders(HttpServerResponse response, EncodedResult image, SegmentationMetadata m) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.putHeader("X-Width", String.valueOf(image.width())).putHeader("X-Height", String.valueOf(image.height()))
        .putHeader("X-Model", m.model())
        .putHeader("X-Mask-Confidence", String.format(Locale.ROOT, "%.4f", m.confidence()));
    if (m.foregroundBox() != null) {
      response.putHeader("X-Foreground-Top", String.valueOf(m.foregroundBox().top()))
          .putHeader("X-Foreground-Left", String.valueOf(m.foregroundBox().left()))
          .putHeader("X-Foreground-Width", String.valueOf(m.foregroundBox().width()))
          .putHeader("X-Foreground-Height", String.valueOf(m.foregroundBox().height()));
    }
  }
}
