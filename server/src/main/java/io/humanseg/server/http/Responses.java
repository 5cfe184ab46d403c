package io.humanseg.server.http;

import io.humanseg.server.api.ApiError;
import io.humanseg.server.api.ErrorMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON answers and errors; the router's failure handler for every route. */
final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    json(ctx, status, body.toBuffer());
  }

  static void json(RoutingContext ctx, int status, Buffer body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  static void error(RoutingContext ctx, ApiError error) {
    if (error.status() == 503 || error.status() == 429) {
      // Every 503 here is transient (overload, deadline, shutting down): tell clients when to come back.
      ctx.response().putHeader("Retry-After", "1");
    }
    if (error.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    json(ctx, error.status(), error.body());
  }

  /** The router's failure handler: maps whatever failed to a JSON error. */
  static void failure(RoutingContext ctx) {
    ApiError error = ErrorMapper.map(ctx.failure(), ctx.statusCode());
    if (error.status() == 500) {
      LOG.error("request {} failed", ctx.<String>get(Guards.REQUEST_ID), ctx.failure());
    }
    error(ctx, error);
  }
}
