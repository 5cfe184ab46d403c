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

  /** Longer client values are cut when echoed in a message: an 8 KB header is not worth sending back. */
  static final int SHOWN_CHARS = 80;

  /** A client's value as it may appear in a message: cut to {@value #SHOWN_CHARS} characters, with its length. */
  public static String shown(String value) {
    if (value == null || value.length() <= SHOWN_CHARS) {
      return value;
    }
    return value.substring(0, SHOWN_CHARS) + "... (" + value.length() + " characters)";
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
