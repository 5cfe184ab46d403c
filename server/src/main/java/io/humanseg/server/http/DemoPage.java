package io.humanseg.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo page: {@code GET /} and its script and style sheet under {@code GET /demo/{file}}, static files from
 * {@code webroot/} in the jar, read once at start. The page uses only the public API ({@code POST /v1/segment}).
 * {@code POST /} stays the seed contract.
 */
final class DemoPage {
  /** Served files: name under /demo/ (or "" for the page) to resource and media type. */
  private static final Map<String, String[]> FILES = Map.of(
      "", new String[] {"webroot/index.html", "text/html; charset=utf-8"},
      "app.js", new String[] {"webroot/demo/app.js", "text/javascript; charset=utf-8"},
      "app.css", new String[] {"webroot/demo/app.css", "text/css; charset=utf-8"});
  /**
   * Scripts and styles from this server only; images also from data: and blob: URLs (results, local photos) and
   * anywhere (a photo given by URL is previewed from where it lives).
   */
  private static final String CSP = "default-src 'self'; img-src * data: blob:; connect-src 'self'; "
      + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private DemoPage() {}

  static void mount(Router router) {
    Map<String, Buffer> bodies = new HashMap<>();
    FILES.forEach((name, file) -> bodies.put(name, resource(file[0])));
    router.get("/").handler(ctx -> send(ctx, "", bodies));
    router.get("/demo/:file").handler(ctx -> send(ctx, ctx.pathParam("file"), bodies));
  }

  private static void send(RoutingContext ctx, String name, Map<String, Buffer> bodies) {
    Buffer body = bodies.get(name);
    if (body == null) {
      ctx.next(); // the router's 404
      return;
    }
    ctx.response()
        .putHeader("Content-Type", FILES.get(name)[1])
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", CSP)
        .end(body);
  }

  private static Buffer resource(String path) {
    try (InputStream in = DemoPage.class.getResourceAsStream("/" + path)) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(path + " missing from the jar", e);
    }
  }
}
