package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names exactly the routes the router has: each method and path, both ways. */
class OpenApiTest {
  private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (get|post|put|delete|patch|head|options):.*$");
  private static final Pattern PARAM = Pattern.compile(":(\\w+)");

  @Test
  void documentAndRouterAgree() throws Exception {
    try (HumansegServer server = HumansegServer.start(new ServerConfig("127.0.0.1", 0))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)) {
      Set<String> routed = new TreeSet<>();
      for (Route route : server.router().getRoutes()) {
        if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
          continue; // router-wide handlers (request id, CORS, failures) have no path of their own
        }
        String path = PARAM.matcher(route.getPath()).replaceAll("{$1}");
        for (HttpMethod m : route.methods()) {
          routed.add(m.name().toLowerCase() + " " + path);
        }
      }
      assertEquals(documented(), routed);
    }
  }

  /** "method path" for every operation under paths:, read from the document's layout. */
  private static Set<String> documented() {
    Set<String> operations = new TreeSet<>();
    String doc = HumansegServer.openApiDocument().toString(StandardCharsets.UTF_8);
    String path = null;
    for (String line : doc.split("\n")) {
      if (!line.startsWith(" ") && !line.isBlank()) {
        path = null; // a new top-level section: paths: is over
      }
      Matcher p = PATH.matcher(line);
      Matcher m = METHOD.matcher(line);
      if (p.matches()) {
        path = p.group(1);
      } else if (path != null && m.matches()) {
        operations.add(m.group(1) + " " + path);
      }
    }
    return operations;
  }
}
