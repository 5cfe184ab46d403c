package io.humanseg.server.http;

import io.humanseg.server.api.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin requests. {@code *} allows any origin, like the seed. With an allowlist: a listed origin gets the
 * CORS headers; the server's own origin (the demo page it serves, whose browser sends Origin on POST) passes
 * without them, as same-origin requests need none; any other origin is refused with 403 and the JSON error.
 */
final class Cors {
  private Cors() {}

  static Handler<RoutingContext> handler(List<String> origins) {
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("Content-Type", "Accept", "Authorization", "X-API-Key", "X-Request-Id"))
        .exposedHeaders(Set.of("X-Request-Id", "X-Width", "X-Height", "X-Foreground-Top", "X-Foreground-Left",
            "X-Foreground-Width", "X-Foreground-Height", "Retry-After"));
    if (origins.contains("*")) {
      return cors;
    }
    cors.addOrigins(origins);
    Set<String> allowed = origins.stream().map(Cors::normalise).collect(Collectors.toUnmodifiableSet());
    return ctx -> {
      String origin = ctx.request().getHeader("Origin");
      if (origin == null || isOwn(origin, ctx.request().getHeader("Host"))) {
        ctx.next();
      } else if (allowed.contains(normalise(origin))) {
        cors.handle(ctx);
      } else {
        ctx.fail(new ApiError(403, "ORIGIN_NOT_ALLOWED",
            "origin " + ApiError.shown(origin) + " is not among the server's cors_origins"));
      }
    };
  }

  /** Same host and port as the request's Host: the page came from this server (or its proxy's name for it). */
  private static boolean isOwn(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normalise(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
