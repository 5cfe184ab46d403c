package io.humanseg.server.http;

import io.humanseg.server.api.ApiError;
import io.humanseg.server.api.ErrorMapper;
import io.humanseg.server.work.BoundedWorkers;
import io.humanseg.server.work.ByteBudget;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a segmentation request's body, after deciding what can be decided without it: the media type, the
 * declared length against the body limit, a full worker queue, and the in-flight byte budget. A refused request
 * is answered before its body is read (an overloaded server's 503 after a short pause, see refuseOverloaded) and
 * its body is discarded, never buffered; so refusing costs little next to serving,
 * and many large uploads cannot fill the heap. Multipart bodies are decoded as they arrive ({@link MultipartForm}).
 *
 * <p>What it leaves for the next handler: {@link #kind}, and {@link #body} (a {@link Buffer}) or {@link #form} (the
 * multipart parts).
 */
final class BodyReader implements Handler<RoutingContext> {
  private static final String KIND = "humanseg.bodyKind";
  private static final String BODY = "humanseg.body";
  private static final String FORM = "humanseg.form";
  /** A refused body declared up to this many body limits is read to its end and dropped; see refuse(). */
  private static final int DISCARD_LIMITS = 4;
  /** How long an overload refusal waits before it answers; see refuseOverloaded(). */
  static final long OVERLOAD_PAUSE_MS = 100;

  private final long maxBodyBytes;
  private final ByteBudget budget;
  private final BoundedWorkers workers;
  private final boolean typed;

  /**
   * @param typed the body's Content-Type says what it is ({@code /v1/segment}); otherwise it is JSON whatever the
   *     header says, as the seed read it ({@code curl -d} sends JSON as form-urlencoded)
   */
  BodyReader(long maxBodyBytes, ByteBudget budget, BoundedWorkers workers, boolean typed) {
    this.maxBodyBytes = maxBodyBytes;
    this.budget = budget;
    this.workers = workers;
    this.typed = typed;
  }

  static BodyKind kind(RoutingContext ctx) {
    return ctx.get(KIND);
  }

  /** The raw or JSON body; null when it was empty. */
  static Buffer body(RoutingContext ctx) {
    return ctx.get(BODY);
  }

  static MultipartForm.Parts form(RoutingContext ctx) {
    return ctx.get(FORM);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long declared;
    try {
      declared = declaredLength(request);
    } catch (ApiError e) {
      refuse(ctx, e, -1);
      return;
    }
    BodyKind kind;
    try {
      kind = typed ? BodyKind.of(request.getHeader("Content-Type")) : BodyKind.JSON;
    } catch (ApiError e) {
      refuse(ctx, e, declared);
      return;
    }
    if (declared > maxBodyBytes) {
      refuse(ctx, ErrorMapper.fromStatus(413), declared);
      return;
    }
    if (workers.isFull()) {
      refuseOverloaded(ctx, declared);
      return;
    }
    long first = Math.max(declared, 0);
    if (!budget.tryReserve(first)) {
      refuseOverloaded(ctx, declared);
      return;
    }
    Reading reading = new Reading(ctx, kind, first);
    ctx.addEndHandler(v -> reading.release());
    ctx.put(KIND, kind);
    MultipartForm form;
    try {
      form = kind == BodyKind.MULTIPART ? new MultipartForm(request.getHeader("Content-Type")) : null;
    } catch (ApiError e) {
      refuse(ctx, e, declared);
      return;
    }
    reading.start(form, declared);
  }

  /** One request's body as it arrives, on the request's event loop. */
  private final class Reading {
    private final RoutingContext ctx;
    private final BodyKind kind;
    private long reserved;
    private long received;
    private boolean done;
    private Buffer body;
    private MultipartForm form;

    Reading(RoutingContext ctx, BodyKind kind, long reserved) {
      this.ctx = ctx;
      this.kind = kind;
      this.reserved = reserved;
    }

    void start(MultipartForm form, long declared) {
      this.form = form;
      if (form == null) {
        body = Buffer.buffer((int) Math.min(Math.max(declared, 0), maxBodyBytes));
      }
      HttpServerRequest request = ctx.request();
      request.exceptionHandler(e -> stop());
      if (request.isEnded()) {
        finish();
        return;
      }
      request.handler(this::chunk);
      request.endHandler(v -> finish());
      request.resume();
    }

    private void chunk(Buffer chunk) {
      if (done) {
        return;
      }
      received += chunk.length();
      if (received > maxBodyBytes) {
        fail(ErrorMapper.fromStatus(413));
        return;
      }
      // A body without a declared length (chunked) reserves as it grows.
      if (received > reserved) {
        long more = received - reserved;
        if (!budget.tryReserve(more)) {
          fail(ErrorMapper.overloaded());
          return;
        }
        reserved += more;
      }
      try {
        if (form != null) {
          form.append(chunk);
        } else {
          body.appendBuffer(chunk);
        }
      } catch (ApiError e) {
        fail(e);
      }
    }

    private void finish() {
      if (done) {
        return;
      }
      done = true;
      try {
        if (form != null) {
          ctx.put(FORM, form.finish());
        } else {
          ctx.put(BODY, body.length() == 0 ? null : body);
        }
      } catch (ApiError e) {
        ctx.fail(e);
        return;
      }
      ctx.next();
    }

    private void fail(ApiError error) {
      stop();
      // The rest of a body that is already over a limit is not worth reading.
      ctx.response().putHeader("Connection", "close");
      ctx.fail(error);
    }

    /** Stops keeping what arrives; the budget comes back when the request ends. */
    private void stop() {
      done = true;
      body = null;
      if (form != null) {
        form.discard();
      }
    }

    void release() {
      stop();
      budget.release(reserved);
      reserved = 0;
    }
  }

  /**
   * The 503 of a server at capacity, after a pause of {@value #OVERLOAD_PAUSE_MS} ms during which the request stays
   * paused and its body unread. Clients that send again at once (load generators, naive retry loops) would
   * otherwise make refusing the server's main work: at 16 times the worker count, about 6,000 refusals a second,
   * each with a 150-200 KB body to discard, took a third of the CPU that admitted requests needed (BENCHMARKS.md,
   * "Overload goodput"). The pause bounds that to a few hundred a second; the answer is the same.
   */
  private void refuseOverloaded(RoutingContext ctx, long declared) {
    ctx.vertx().setTimer(OVERLOAD_PAUSE_MS, id -> refuse(ctx, ErrorMapper.overloaded(), declared));
  }

  /**
   * Answers before reading the body. The body still on its way is discarded as it arrives, so that the client,
   * which is probably still sending it, reads the answer instead of a reset connection, and the connection stays
   * usable. Only a body with no declared length, or one declared beyond {@value #DISCARD_LIMITS} body limits, has
   * its connection closed once a body limit of it has been discarded.
   */
  private void refuse(RoutingContext ctx, ApiError error, long declared) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      long cap = declared >= 0 && declared <= DISCARD_LIMITS * maxBodyBytes ? declared : maxBodyBytes;
      long[] discarded = {0};
      request.handler(chunk -> {
        discarded[0] += chunk.length();
        if (discarded[0] > cap) {
          request.connection().close();
        }
      });
      request.resume();
    }
    ctx.fail(error);
  }

  /** The declared Content-Length, or -1 without one; a malformed one is refused. */
  private static long declaredLength(HttpServerRequest request) {
    String header = request.getHeader("Content-Length");
    if (header == null) {
      return -1;
    }
    try {
      long length = Long.parseLong(header.strip());
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest("BAD_REQUEST", "Content-Length is not a length: " + ApiError.shown(header));
  }
}
