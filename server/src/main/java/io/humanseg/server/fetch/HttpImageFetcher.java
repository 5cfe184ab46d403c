package io.humanseg.server.fetch;

import io.humanseg.server.fetch.FetchException.Code;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs http and https URLs with the Vert.x core HTTP client, guarding every hop.
 *
 * <p>Each hop resolves the host once, checks every address with the {@link AddressGuard}, and then connects to the
 * checked address itself ({@link RequestOptions#setServer}) while Host, SNI and certificate checks keep the name
 * from the URL: there is no second lookup that a rebinding DNS server could answer differently. Redirects are
 * followed here, not by the client, so that each Location goes through the same checks.
 *
 * <p>The core client rather than vertx-web-client: on a body that fails its codec, the web client drains the
 * rest of the response (its pipe resumes the source) and has already dropped its handle on the request, so it
 * cannot cut the connection; here the request is reset, which closes an HTTP/1.1 connection mid-body.
 */
final class HttpImageFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(HttpImageFetcher.class);
  private static final int[] REDIRECTS = {301, 302, 303, 307, 308};

  private final Vertx vertx;
  private final FetchConfig config;
  private final AddressGuard guard;
  private final HostResolver resolver;
  private final HttpClient client;

  HttpImageFetcher(Vertx vertx, FetchConfig config, HostResolver resolver) {
    this.vertx = vertx;
    this.config = config;
    this.guard = new AddressGuard(config.allowlist());
    this.resolver = resolver;
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
        // Bytes on the wire are what the cap counts: no transparent gunzip (and no zip bombs).
        .setDecompressionSupported(false)
        .setVerifyHost(true)
        .setKeepAlive(true);
    // An upstream's protocol errors reach the fetch that met them; the connection's own report would be logged
    // by Vert.x at ERROR, for a fault that is not ours.
    this.client = vertx.httpClientBuilder().with(options).with(new PoolOptions().setHttp1MaxSize(8))
        .withConnectHandler(connection -> connection.exceptionHandler(
            e -> LOG.debug("upstream connection error: {}", String.valueOf(e))))
        .build();
  }

  Future<FetchedImage> fetch(HttpTarget target) {
    Context context = vertx.getOrCreateContext();
    Promise<FetchedImage> promise = Promise.promise();
    // Everything for one fetch runs on one context, so its state needs no locks.
    context.runOnContext(v -> {
      Fetch fetch = new Fetch(promise);
      long timer = vertx.setTimer(config.totalTimeout().toMillis(), id -> fetch.fail(new FetchException(
          Code.UPSTREAM_TIMEOUT, "no complete answer within " + config.totalTimeout().toMillis() + " ms")));
      promise.future().onComplete(ar -> vertx.cancelTimer(timer));
      hop(fetch, target, 0);
    });
    return promise.future();
  }

  Future<Void> close() {
    return client.close();
  }

  private void hop(Fetch fetch, HttpTarget target, int redirects) {
    checkedAddress(target)
        .compose(address -> client.request(new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.tls())
            .setURI(target.requestUri())
            .setFollowRedirects(false)
            .setConnectTimeout(config.connectTimeout().toMillis())
            .putHeader(HttpHeaders.USER_AGENT, "humanseg-fetch")
            .putHeader(HttpHeaders.ACCEPT, "image/*")))
        .onFailure(fetch::fail)
        .onSuccess(request -> {
          if (!fetch.begin(request)) {
            return;
          }
          request.send()
              .onFailure(fetch::fail)
              .onSuccess(response -> answer(fetch, target, redirects, response));
        });
  }

  /** The address to connect to, after the guard accepted every address of the host. */
  private Future<InetAddress> checkedAddress(HttpTarget target) {
    String host = target.bareHost();
    byte[] literal = Cidr.parseLiteral(host);
    Future<List<InetAddress>> addresses;
    if (literal != null) {
      try {
        addresses = Future.succeededFuture(List.of(InetAddress.getByAddress(literal)));
      } catch (UnknownHostException e) {
        return Future.failedFuture(new FetchException(Code.BAD_URL, "bad IP literal: " + host));
      }
    } else {
      addresses = resolver.resolve(host).recover(e -> Future.failedFuture(
          new FetchException(Code.UPSTREAM_ERROR, "cannot resolve host " + host, e)));
    }
    return addresses.compose(list -> {
      if (list.isEmpty()) {
        return Future.failedFuture(new FetchException(Code.UPSTREAM_ERROR, "no address for host " + host));
      }
      // One refused address refuses the name: a name that also points inward is not one to trust.
      for (InetAddress a : list) {
        var reason = guard.refusalReason(a);
        if (reason.isPresent()) {
          return Future.failedFuture(new FetchException(
              Code.URL_NOT_ALLOWED, "host " + host + " is not allowed: " + reason.get() + " address"));
        }
      }
      return Future.succeededFuture(list.get(0));
    });
  }

  private void answer(Fetch fetch, HttpTarget target, int redirects, HttpClientResponse response) {
    // Our own reset of an abandoned hop also lands here; only the hop in progress can fail the fetch.
    HttpClientRequest request = response.request();
    response.exceptionHandler(e -> fetch.failHop(request, e));
    int status = response.statusCode();
    if (isRedirect(status)) {
      String location = response.getHeader(HttpHeaders.LOCATION);
      // Redirect bodies are not worth reading; drop the connection with them.
      fetch.endHop();
      if (location == null) {
        fetch.fail(new FetchException(Code.UPSTREAM_ERROR, "upstream answered " + status + " without Location"));
      } else if (redirects >= config.maxRedirects()) {
        fetch.fail(new FetchException(Code.TOO_MANY_REDIRECTS, "more than " + config.maxRedirects() + " redirects"));
      } else {
        try {
          hop(fetch, target.redirect(location), redirects + 1);
        } catch (FetchException e) {
          fetch.fail(e);
        }
      }
      return;
    }
    if (status < 200 || status >= 300) {
      fetch.fail(new FetchException(Code.UPSTREAM_ERROR, "upstream answered " + status));
      return;
    }
    long max = config.maxBytes();
    String declared = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    long length = parseLength(declared);
    if (length > max) {
      fetch.fail(tooLarge("declares " + length + " bytes"));
      return;
    }
    Buffer body = Buffer.buffer((int) (length >= 0 ? length : Math.min(max, 64 * 1024)));
    response.handler(chunk -> {
      if (fetch.done) {
        return;
      }
      // Checked before appending: at most max bytes are ever held.
      if ((long) body.length() + chunk.length() > max) {
        fetch.fail(tooLarge("sent more"));
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.endHandler(v -> fetch.succeed(new FetchedImage(
        body.getBytes(), response.getHeader(HttpHeaders.CONTENT_TYPE), target.url())));
  }

  private FetchException tooLarge(String what) {
    return new FetchException(Code.UPSTREAM_TOO_LARGE, "upstream " + what + " than the cap of " + config.maxBytes()
        + " bytes");
  }

  private static long parseLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isRedirect(int status) {
    for (int r : REDIRECTS) {
      if (r == status) {
        return true;
      }
    }
    return false;
  }

  /** One fetch across its hops. Touched only on its context. */
  private static final class Fetch {
    private final Promise<FetchedImage> promise;
    private HttpClientRequest current;
    private boolean done;

    Fetch(Promise<FetchedImage> promise) {
      this.promise = promise;
    }

    /** Takes the hop's request; false (and the request dropped) when the fetch already ended, e.g. timed out. */
    boolean begin(HttpClientRequest request) {
      if (done) {
        request.reset();
        return false;
      }
      current = request;
      return true;
    }

    /** Drops the hop's connection unless its response already ended (then it goes back to the pool). */
    void endHop() {
      HttpClientRequest request = current;
      current = null;
      if (request != null) {
        request.reset();
      }
    }

    void failHop(HttpClientRequest request, Throwable cause) {
      if (request == current) {
        fail(cause);
      }
    }

    void succeed(FetchedImage image) {
      if (!done) {
        done = true;
        current = null;
        promise.complete(image);
      }
    }

    void fail(Throwable cause) {
      if (done) {
        return;
      }
      done = true;
      endHop();
      promise.fail(asFetchException(cause));
    }

    /**
     * The client sees a plain sentence: exception classes and addresses are for our logs (DEBUG), not for
     * whoever sent the URL.
     */
    private static FetchException asFetchException(Throwable cause) {
      if (cause instanceof FetchException f) {
        return f;
      }
      LOG.debug("upstream failure: {}", String.valueOf(cause));
      if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
        return new FetchException(Code.UPSTREAM_TIMEOUT, "the upstream did not answer in time", cause);
      }
      if (cause instanceof ConnectException) {
        return new FetchException(Code.UPSTREAM_ERROR, "could not connect to the upstream", cause);
      }
      if (cause instanceof HttpClosedException || cause instanceof VertxException) {
        return new FetchException(Code.UPSTREAM_ERROR, "the upstream closed the connection", cause);
      }
      return new FetchException(Code.UPSTREAM_ERROR, "the upstream's answer is not valid HTTP", cause);
    }
  }
}
