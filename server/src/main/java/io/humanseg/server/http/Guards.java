package io.humanseg.server.http;

import io.humanseg.server.api.ApiError;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Handlers that run before every API route: request id and access log, API keys. */
final class Guards {
  static final String REQUEST_ID = "requestId";
  private static final Logger ACCESS = LoggerFactory.getLogger("io.humanseg.access");
  /** A client's id is echoed into headers and logs, so only a short, plain one is taken. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private Guards() {}

  /** Takes the client's {@code X-Request-Id} or makes one, returns it, and logs the request when it ends. */
  static void requestId(RoutingContext ctx) {
    String given = ctx.request().getHeader("X-Request-Id");
    String id = given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.put(REQUEST_ID, id);
    ctx.response().putHeader("X-Request-Id", id);
    long start = System.nanoTime();
    ctx.addEndHandler(v -> {
      MDC.put(REQUEST_ID, id);
      try {
        ACCESS.info("{} {} {} {} {} ms", id, ctx.request().method(), ctx.request().path(),
            // A response never sent (the client left first) has no status worth logging.
            ctx.response().ended() ? ctx.response().getStatusCode() : "closed",
            (System.nanoTime() - start) / 1_000_000);
      } finally {
        MDC.remove(REQUEST_ID);
      }
    });
    ctx.next();
  }

  /**
   * Refuses a query string that does not decode (bad percent-encoding): every later reader of a parameter would
   * fail. Decoded once here, vertx-web keeps the result for them.
   */
  static void query(RoutingContext ctx) {
    try {
      ctx.queryParams();
    } catch (RuntimeException e) {
      ctx.fail(ApiError.badRequest("BAD_QUERY", "the query string is not valid percent-encoding"));
      return;
    }
    ctx.next();
  }

  /** {@code X-API-Key} or {@code Authorization: Bearer}; 401 without one, 403 with a wrong one. */
  static io.vertx.core.Handler<RoutingContext> apiKeys(Set<String> keys) {
    List<byte[]> accepted = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    return ctx -> {
      String key = ctx.request().getHeader("X-API-Key");
      String auth = ctx.request().getHeader("Authorization");
      if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = auth.substring(7).trim();
      }
      if (key == null || key.isEmpty()) {
        ctx.fail(new ApiError(401, "UNAUTHORIZED", "send an API key in X-API-Key or Authorization: Bearer"));
        return;
      }
      byte[] given = key.getBytes(StandardCharsets.UTF_8);
      // Constant-time comparison against every key: timing must not tell how much of a key was right.
      boolean ok = false;
      for (byte[] k : accepted) {
        ok |= MessageDigest.isEqual(k, given);
      }
      if (ok) {
        ctx.next();
      } else {
        ctx.fail(new ApiError(403, "FORBIDDEN", "the API key is not valid"));
      }
    };
  }
}
