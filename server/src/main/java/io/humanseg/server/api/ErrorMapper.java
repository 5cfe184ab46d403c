package io.humanseg.server.api;

import io.humanseg.image.ImageException;
import io.humanseg.inference.UnknownModelException;
import io.humanseg.server.fetch.FetchException;
import io.humanseg.server.work.BoundedWorkers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;

/**
 * Turns any failure into the client's {@link ApiError}. Only what is left unrecognised is a 500: a client error
 * must never look like our fault, nor page anyone.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  public static ApiError map(Throwable failure, int statusHint) {
    if (failure instanceof ApiError e) {
      return e;
    }
    if (failure instanceof ImageException e) {
      return switch (e.code()) {
        case EMPTY_IMAGE -> new ApiError(400, "EMPTY_IMAGE", e.getMessage());
        case UNSUPPORTED_FORMAT -> new ApiError(415, "UNSUPPORTED_FORMAT", e.getMessage());
        case CORRUPT_IMAGE -> new ApiError(422, "CORRUPT_IMAGE", e.getMessage());
        case IMAGE_TOO_LARGE -> new ApiError(413, "IMAGE_TOO_LARGE", e.getMessage());
      };
    }
    if (failure instanceof FetchException e) {
      return new ApiError(e.httpStatus(), e.code().name(), e.getMessage());
    }
    if (failure instanceof UnknownModelException e) {
      return new ApiError(400, "UNKNOWN_MODEL", e.getMessage(),
          new JsonObject().put("known", new JsonArray(e.known())));
    }
    if (failure instanceof BoundedWorkers.OverloadedException) {
      return overloaded();
    }
    if (failure instanceof HttpException e) {
      return fromStatus(e.getStatusCode());
    }
    // A handler of vertx-web that refuses with a 4xx (CORS, say) is the client's doing, whatever it threw.
    if (failure == null || (statusHint >= 400 && statusHint < 500)) {
      return fromStatus(statusHint);
    }
    return new ApiError(500, "INTERNAL", "internal error");
  }

  /** The worker queue or the in-flight byte budget is full. */
  public static ApiError overloaded() {
    return new ApiError(503, "OVERLOADED", "the server is at capacity; retry shortly");
  }

  /** Failures that vertx-web reports with a bare status (body limit, timeout, unknown route, ...). */
  public static ApiError fromStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.badRequest("BAD_REQUEST", "malformed request (its path or query string?)");
      case 401 -> new ApiError(401, "UNAUTHORIZED", "an API key is required");
      case 403 -> new ApiError(403, "FORBIDDEN", "the API key is not valid");
      case 404 -> new ApiError(404, "NOT_FOUND", "no such route");
      case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", "method not allowed on this route");
      case 413 -> new ApiError(413, "BODY_TOO_LARGE", "the request body is over the limit");
      case 414 -> new ApiError(414, "URI_TOO_LONG", "the request line is longer than the server accepts");
      case 415 -> new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "unsupported content type");
      case 431 -> new ApiError(431, "HEADERS_TOO_LARGE", "the request headers are larger than the server accepts");
      case 503 -> new ApiError(503, "DEADLINE_EXCEEDED", "the request took longer than the server's deadline");
      default -> status >= 400 && status < 500
          ? new ApiError(status, "CLIENT_ERROR", "request refused")
          : new ApiError(500, "INTERNAL", "internal error");
    };
  }
}
