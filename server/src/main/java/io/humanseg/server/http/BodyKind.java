package io.humanseg.server.http;

import io.humanseg.server.api.ApiError;
import java.util.Locale;

/** What a {@code /v1/segment} body is, from its Content-Type; decided before the body is read. */
enum BodyKind {
  JSON, IMAGE, MULTIPART;

  /** No Content-Type means JSON, as the seed's clients send it; unknown types are refused (415). */
  static BodyKind of(String contentType) {
    if (contentType == null) {
      return JSON;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      return MULTIPART;
    }
    if (type.startsWith("image/") || type.startsWith("application/octet-stream")) {
      return IMAGE;
    }
    if (type.startsWith("application/json")) {
      return JSON;
    }
    throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE",
        "send application/json, image/* or multipart/form-data, not " + ApiError.shown(contentType));
  }
}
