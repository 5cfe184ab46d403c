package io.humanseg.server.api;

import io.vertx.core.json.JsonObject;

/**
 * A failure the client is told about: HTTP status, a stable code for programs and a message for people. The body
 * is always {@code {"error": {"code", "message"}}}, plus {@code known} for an unknown model.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final JsonObject extra;

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiError(int status, String code, String message, JsonObject extra) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }

  public static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject body() {
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (extra != null) {
      error.mergeIn(extra);
    }
    return new JsonObject().put("error", error);
  }
}
