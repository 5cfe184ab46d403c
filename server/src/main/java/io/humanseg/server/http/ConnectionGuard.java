package io.humanseg.server.http;

import io.humanseg.server.api.ApiError;
import io.humanseg.server.api.ErrorMapper;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.VertxConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client may do to a connection, before any route sees a request: send its headers within the header
 * timeout (a connection that opens, or finishes a request, and then sends nothing or trickles bytes is closed, so
 * idle and slow clients cannot hold all the file descriptors; between requests on a kept-alive connection the
 * idle timeout applies instead), send a request the decoder accepts (else a JSON
 * 400, 414 or 431 and the connection closed), and not frame a body two ways ({@link StrictRequestDecoder}).
 * Errors the client caused are logged at DEBUG, without stack traces: they are not ours to fix.
 */
final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final Vertx vertx;
  private final HttpServerOptions options;
  private final long headerTimeoutMillis;
  private final long idleTimeoutMillis;
  /** Each open HTTP/1.x connection and its header timer (-1 while a request is in progress). */
  private final Map<HttpConnection, Long> timers = new ConcurrentHashMap<>();

  /**
   * @param headerTimeout for a new connection's first request
   * @param idleTimeout for each later request on a kept-alive connection: longer, because a client that reuses
   *     a connection just as the server closes it sees a failed request (java.net.http does not retry a POST)
   */
  ConnectionGuard(Vertx vertx, HttpServerOptions options, Duration headerTimeout, Duration idleTimeout) {
    this.vertx = vertx;
    this.options = options;
    this.headerTimeoutMillis = headerTimeout.toMillis();
    this.idleTimeoutMillis = idleTimeout.toMillis();
  }

  /** Applies the guard to the server; the server's request handler must call {@link #requestStarted} first. */
  void install(HttpServer server) {
    server.connectionHandler(this::opened)
        .invalidRequestHandler(this::invalid)
        .exceptionHandler(e -> LOG.debug("connection error: {}", String.valueOf(e)));
  }

  private void opened(HttpConnection connection) {
    // Internal API (no public hook replaces the decoder); guarded so that a change in Vert.x fails safe: no
    // decoder swap, everything else unchanged.
    if (connection instanceof VertxConnection internal) {
      ChannelPipeline pipeline = internal.channel().pipeline();
      if (pipeline.get("httpDecoder") != null) {
        pipeline.replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(options));
      }
    }
    connection.exceptionHandler(e -> LOG.debug("connection error from {}: {}", connection.remoteAddress(),
        String.valueOf(e)));
    connection.closeHandler(v -> {
      Long timer = timers.remove(connection);
      if (timer != null && timer >= 0) {
        vertx.cancelTimer(timer);
      }
    });
    arm(connection, headerTimeoutMillis);
  }

  /** A request's headers arrived: its connection's header clock stops until the answer has been sent. */
  void requestStarted(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    Long timer = timers.replace(connection, -1L);
    if (timer != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The answer was sent: the next request's headers must come within the idle timeout. */
  void requestEnded(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (timers.containsKey(connection)) {
      arm(connection, idleTimeoutMillis);
    }
  }

  private void arm(HttpConnection connection, long millis) {
    long timer = vertx.setTimer(millis, id -> {
      if (timers.remove(connection, id)) {
        LOG.debug("closing {}: no complete request headers within {} ms", connection.remoteAddress(), millis);
        connection.close();
      }
    });
    Long previous = timers.put(connection, timer);
    if (previous != null && previous >= 0) {
      vertx.cancelTimer(previous);
    }
  }

  /** Requests the decoder refused: the JSON error instead of Vert.x's empty body, then the connection closes. */
  private void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414
        : cause instanceof TooLongHttpHeaderException ? 431
        : cause instanceof TooLongFrameException ? 413 : 400;
    ApiError error = status == 400
        ? ApiError.badRequest("BAD_REQUEST", "malformed HTTP request" + (cause == null ? "" : ": "
            + ApiError.shown(cause.getMessage())))
        : ErrorMapper.fromStatus(status);
    LOG.debug("invalid request from {}: {}", request.remoteAddress(), String.valueOf(cause));
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close").end(error.body().toBuffer());
  }
}
