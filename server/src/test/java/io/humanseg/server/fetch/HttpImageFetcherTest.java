package io.humanseg.server.fetch;

import static io.humanseg.server.fetch.FetchException.Code.BAD_URL;
import static io.humanseg.server.fetch.FetchException.Code.TOO_MANY_REDIRECTS;
import static io.humanseg.server.fetch.FetchException.Code.UPSTREAM_ERROR;
import static io.humanseg.server.fetch.FetchException.Code.UPSTREAM_TIMEOUT;
import static io.humanseg.server.fetch.FetchException.Code.UPSTREAM_TOO_LARGE;
import static io.humanseg.server.fetch.FetchException.Code.URL_NOT_ALLOWED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real HTTP on loopback only. The upstream listens on 127.0.0.2, which the allowlist opens; a second server on
 * 127.0.0.1, which stays refused, counts connections, so that "refused before connecting" is observed, not
 * assumed. Addresses outside 127.0.0.0/8 appear only in URLs that must be refused before any connection.
 */
@ExtendWith(VertxExtension.class)
class HttpImageFetcherTest {
  private static final String UPSTREAM_HOST = "127.0.0.2";
  private static final int MAX_BYTES = 256 * 1024;
  private static final byte[] IMAGE = new byte[100_000];

  private static int port;
  private static int forbiddenPort;
  private static final AtomicInteger forbiddenConnections = new AtomicInteger();
  private static final AtomicLong endlessWritten = new AtomicLong();
  private static volatile Promise<Void> upstreamClosed = Promise.promise();

  private Vertx vertx;
  private ImageFetcher fetcher;

  @BeforeAll
  static void startServers(Vertx vertx) throws Exception {
    new Random(7).nextBytes(IMAGE);
    Router router = Router.router(vertx);
    router.get("/image").handler(ctx ->
        ctx.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(IMAGE)));
    router.get("/host").handler(ctx -> ctx.response().end(ctx.request().getHeader("Host")));
    router.get("/status/500").handler(ctx -> ctx.response().setStatusCode(500).end("broken"));
    router.get("/endless").handler(ctx -> {
      // Chunked, no Content-Length, more than any cap: bounded at 64 MiB so that a broken client ends too.
      HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "image/jpeg");
      response.closeHandler(v -> upstreamClosed.tryComplete());
      streamEndlessly(response, Buffer.buffer(new byte[16 * 1024]), 64L * 1024 * 1024);
    });
    router.get("/declares-large").handler(ctx -> {
      HttpServerResponse response = ctx.response().putHeader("Content-Length", String.valueOf(MAX_BYTES + 1));
      response.closeHandler(v -> upstreamClosed.tryComplete());
      response.write(Buffer.buffer(new byte[1024]));
    });
    router.get("/slow").handler(ctx -> ctx.response().closeHandler(v -> upstreamClosed.tryComplete()));
    router.get("/stall-body").handler(ctx -> {
      ctx.response().closeHandler(v -> upstreamClosed.tryComplete());
      ctx.response().setChunked(true).write("partial");
    });
    router.get("/redirect/:n").handler(ctx -> {
      int n = Integer.parseInt(ctx.pathParam("n"));
      if (n == 0) {
        ctx.response().end(Buffer.buffer(IMAGE));
      } else {
        // Relative, so that resolving against the current URL is exercised too.
        ctx.response().setStatusCode(302).putHeader("Location", "../redirect/" + (n - 1)).end();
      }
    });
    router.get("/to-loopback").handler(ctx ->
        ctx.redirect("http://127.0.0.1:" + forbiddenPort + "/image"));
    router.get("/to-file").handler(ctx -> ctx.redirect("file:///etc/passwd"));
    router.get("/no-location").handler(ctx -> ctx.response().setStatusCode(302).end());
    HttpServer upstream = Await.result(vertx.createHttpServer(new HttpServerOptions().setHost(UPSTREAM_HOST))
        .requestHandler(router).listen(0));
    port = upstream.actualPort();

    HttpServer forbidden = Await.result(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
        .connectionHandler(c -> forbiddenConnections.incrementAndGet())
        .requestHandler(req -> req.response().end(Buffer.buffer(IMAGE)))
        .listen(0));
    forbiddenPort = forbidden.actualPort();
  }

  private static void streamEndlessly(HttpServerResponse response, Buffer chunk, long limit) {
    while (!response.writeQueueFull() && !response.closed() && endlessWritten.get() < limit) {
      response.write(chunk);
      endlessWritten.addAndGet(chunk.length());
    }
    if (!response.closed() && endlessWritten.get() < limit) {
      response.drainHandler(v -> streamEndlessly(response, chunk, limit));
    }
  }

  @BeforeEach
  void createFetcher(Vertx vertx) {
    this.vertx = vertx;
    upstreamClosed = Promise.promise();
    fetcher = ImageFetcher.create(vertx, config());
  }

  @AfterEach
  void closeFetcher() {
    fetcher.close();
  }

  private static FetchConfig config() {
    return FetchConfig.defaults()
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
        .withMaxBytes(MAX_BYTES)
        .withMaxRedirects(3)
        .withAllowlist(UPSTREAM_HOST + "/32");
  }

  private static FetchConfig quickTimeout() {
    return config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
  }

  private static String upstream(String path) {
    return "http://" + UPSTREAM_HOST + ":" + port + path;
  }

  @Test
  void fetchesFromAnAllowlistedAddress() throws Exception {
    FetchedImage image = Await.result(fetcher.fetch(upstream("/image")));
    assertArrayEquals(IMAGE, image.bytes());
    assertEquals("image/png", image.contentType());
    assertEquals(upstream("/image"), image.finalUrl());
  }

  @Test
  void bodyPastTheCapIsCutOffAndTheConnectionDropped() throws Exception {
    endlessWritten.set(0);
    FetchException e = Await.failure(fetcher.fetch(upstream("/endless")), UPSTREAM_TOO_LARGE);
    assertEquals(413, e.httpStatus());
    upstreamClosed.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    // What the upstream wrote is the cap plus socket buffers, not its 64 MiB.
    assertTrue(endlessWritten.get() < 16L * 1024 * 1024, "upstream wrote " + endlessWritten.get());
  }

  @Test
  void declaredLengthPastTheCapIsRefusedBeforeTheBody() throws Exception {
    Await.failure(fetcher.fetch(upstream("/declares-large")), UPSTREAM_TOO_LARGE);
    upstreamClosed.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void slowUpstreamTimesOutAndIsDisconnected() throws Exception {
    try (ImageFetcher quick = ImageFetcher.create(vertx, quickTimeout())) {
      long start = System.nanoTime();
      FetchException e = Await.failure(quick.fetch(upstream("/slow")), UPSTREAM_TIMEOUT);
      assertEquals(504, e.httpStatus());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
      upstreamClosed.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void connectTimeoutAppliesPerHop() throws Exception {
    // A listener that never accepts, its queue filled: the kernel then drops new SYNs and connect() hangs.
    try (ServerSocket backlogged = new ServerSocket(0, 1, InetAddress.getByName(UPSTREAM_HOST));
        Socket a = new Socket(UPSTREAM_HOST, backlogged.getLocalPort());
        Socket b = new Socket(UPSTREAM_HOST, backlogged.getLocalPort());
        ImageFetcher quick = ImageFetcher.create(vertx,
            config().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(10)))) {
      long start = System.nanoTime();
      Await.failure(quick.fetch("http://" + UPSTREAM_HOST + ":" + backlogged.getLocalPort() + "/"), UPSTREAM_TIMEOUT);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the total timeout fired, not connect's");
    }
  }

  @Test
  void bodyThatStallsTimesOut() throws Exception {
    try (ImageFetcher quick = ImageFetcher.create(vertx, quickTimeout())) {
      Await.failure(quick.fetch(upstream("/stall-body")), UPSTREAM_TIMEOUT);
      upstreamClosed.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void serverErrorIsAnUpstreamError() throws Exception {
    FetchException e = Await.failure(fetcher.fetch(upstream("/status/500")), UPSTREAM_ERROR);
    assertEquals(502, e.httpStatus());
    assertTrue(e.getMessage().contains("500"), e.getMessage());
  }

  @Test
  void followsRedirectsUpToTheLimit() throws Exception {
    FetchedImage image = Await.result(fetcher.fetch(upstream("/redirect/3")));
    assertArrayEquals(IMAGE, image.bytes());
    assertEquals(upstream("/redirect/0"), image.finalUrl());
  }

  @Test
  void refusesRedirectChainsBeyondTheLimit() throws Exception {
    FetchException e = Await.failure(fetcher.fetch(upstream("/redirect/4")), TOO_MANY_REDIRECTS);
    assertEquals(502, e.httpStatus());
  }

  @Test
  void zeroRedirectsMeansNone() throws Exception {
    try (ImageFetcher strict = ImageFetcher.create(vertx, config().withMaxRedirects(0))) {
      Await.failure(strict.fetch(upstream("/redirect/1")), TOO_MANY_REDIRECTS);
    }
  }

  @Test
  void redirectToARefusedAddressIsCheckedAgain() throws Exception {
    int before = forbiddenConnections.get();
    FetchException e = Await.failure(fetcher.fetch(upstream("/to-loopback")), URL_NOT_ALLOWED);
    assertEquals(400, e.httpStatus());
    assertEquals(before, forbiddenConnections.get(), "the refused address was contacted");
  }

  @Test
  void redirectToAnotherSchemeIsRefused() throws Exception {
    Await.failure(fetcher.fetch(upstream("/to-file")), URL_NOT_ALLOWED);
  }

  @Test
  void redirectWithoutLocationIsAnUpstreamError() throws Exception {
    Await.failure(fetcher.fetch(upstream("/no-location")), UPSTREAM_ERROR);
  }

  /** 127.0.0.1 and localhost point at the counting server: a connection would show there. */
  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:%d/image", "http://localhost:%d/image", "http://[::1]:%d/image",
      "http://[::ffff:127.0.0.1]:%d/image", "https://127.0.0.1:%d/image"})
  void refusesLoopbackBeforeConnecting(String pattern) throws Exception {
    int before = forbiddenConnections.get();
    Await.failure(fetcher.fetch(pattern.formatted(forbiddenPort)), URL_NOT_ALLOWED);
    assertEquals(before, forbiddenConnections.get(), "the refused address was contacted");
  }

  /** Never contacted: refused from the address alone (a connection attempt would end as UPSTREAM_ERROR). */
  @ParameterizedTest
  @ValueSource(strings = {"http://10.1.2.3:9/x.jpg", "http://169.254.169.254/latest/meta-data/",
      "http://[fe80::1]:9/", "http://[fc00::1]:9/", "http://0.0.0.0:9/", "http://100.64.0.1:9/",
      "http://224.0.0.1:9/", "http://[::ffff:10.0.0.1]:9/"})
  void refusesNonPublicAddressesBeforeConnecting(String url) throws Exception {
    Await.failure(fetcher.fetch(url), URL_NOT_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.2/image", "gopher://127.0.0.2:70/_x",
      "jar:http://127.0.0.2/x!/y", "data:image/png;base64,AAAA", "HTTPX://127.0.0.2/"})
  void refusesOtherSchemes(String url) throws Exception {
    Await.failure(fetcher.fetch(url), URL_NOT_ALLOWED);
  }

  @Test
  void refusesCredentialsInTheUrl() throws Exception {
    Await.failure(fetcher.fetch("http://user:secret@" + UPSTREAM_HOST + ":" + port + "/image"), URL_NOT_ALLOWED);
    Await.failure(fetcher.fetch("http://user@" + UPSTREAM_HOST + ":" + port + "/image"), URL_NOT_ALLOWED);
    Await.failure(fetcher.fetch("s3://key:secret@bucket/image.jpg"), URL_NOT_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "not a url", "http://", "http:///image", "http://127.0.0.2:99999/",
      "http://exa mple.com/", "//127.0.0.2/image", "s3://", "s3://bucket", "s3://bucket/", "s3://a/key"})
  void refusesMalformedUrls(String url) throws Exception {
    Await.failure(fetcher.fetch(url), BAD_URL);
  }

  @Test
  void refusesNullAndOverlongUrls() throws Exception {
    Await.failure(fetcher.fetch(null), BAD_URL);
    Await.failure(fetcher.fetch(upstream("/image?" + "a".repeat(SchemeDispatcher.MAX_URL_LENGTH))), BAD_URL);
  }

  @Test
  void connectsToTheCheckedAddressWithTheOriginalHostHeader() throws Exception {
    HostResolver fake = fakeDns(Map.of("images.example", List.of("127.0.0.2")));
    try (ImageFetcher pinned = ImageFetcher.create(vertx, config(), fake)) {
      FetchedImage hostEcho = Await.result(pinned.fetch("http://images.example:" + port + "/host"));
      assertEquals("images.example:" + port, new String(hostEcho.bytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aNameWithAnyRefusedAddressIsRefused() throws Exception {
    HostResolver fake = fakeDns(Map.of("mixed.example", List.of("127.0.0.2", "10.0.0.1")));
    try (ImageFetcher pinned = ImageFetcher.create(vertx, config(), fake)) {
      Await.failure(pinned.fetch("http://mixed.example:" + port + "/image"), URL_NOT_ALLOWED);
    }
  }

  @Test
  void unresolvableNameIsAnUpstreamError() throws Exception {
    try (ImageFetcher pinned = ImageFetcher.create(vertx, config(), fakeDns(Map.of()))) {
      Await.failure(pinned.fetch("http://nowhere.example/image"), UPSTREAM_ERROR);
    }
  }

  /** Answers from the map, else fails as DNS would; never asks a real resolver. */
  private static HostResolver fakeDns(Map<String, List<String>> records) {
    return host -> {
      List<String> ips = records.get(host);
      if (ips == null) {
        return Future.failedFuture(new UnknownHostException(host));
      }
      return Future.succeededFuture(ips.stream().map(ip -> {
        try {
          return InetAddress.getByAddress(host, Cidr.parseLiteral(ip));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }).toList());
    };
  }
}
