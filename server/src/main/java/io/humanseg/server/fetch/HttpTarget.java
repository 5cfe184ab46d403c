package io.humanseg.server.fetch;

import io.humanseg.server.fetch.FetchException.Code;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An http or https URL that passed the syntax and policy checks that need no network: scheme, no credentials, a
 * host, a valid port. Where it points is checked later, by address.
 *
 * @param host as written in the URL (IPv6 literals keep their brackets); sent as the Host header and used for
 *     TLS SNI and certificate checks
 * @param requestUri raw path and query, never empty; the fragment is dropped
 * @param url the full URL, ASCII-only
 */
record HttpTarget(boolean tls, String host, int port, String requestUri, String url) {

  static HttpTarget parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new FetchException(Code.BAD_URL, "not a valid URL: " + e.getReason());
    }
    return from(uri, Code.BAD_URL);
  }

  /** Where a redirect's Location points, relative to this URL; checked like a URL from the client. */
  HttpTarget redirect(String location) {
    URI next;
    try {
      next = new URI(url).resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchException(Code.UPSTREAM_ERROR, "upstream redirected to an invalid Location");
    }
    // A malformed target here is the upstream's fault, not the client's.
    return from(next, Code.UPSTREAM_ERROR);
  }

  /** The host without IPv6 brackets, for name resolution. */
  String bareHost() {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static HttpTarget from(URI parsed, Code malformed) {
    URI uri;
    try {
      // Non-ASCII path or query characters become %XX, as they must on the wire.
      uri = new URI(parsed.toASCIIString());
    } catch (URISyntaxException e) {
      throw new FetchException(malformed, "not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || uri.isOpaque()) {
      throw new FetchException(malformed, "not an absolute http(s) URL");
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(Code.URL_NOT_ALLOWED, "scheme not allowed: " + scheme);
    }
    String authority = uri.getRawAuthority();
    if (uri.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
      throw new FetchException(Code.URL_NOT_ALLOWED, "URLs with credentials are not allowed");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new FetchException(malformed, "URL has no valid host");
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
    if (port < 1 || port > 65535) {
      throw new FetchException(malformed, "port out of range: " + port);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    String clean = scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + port) + requestUri;
    return new HttpTarget(tls, host, port, requestUri, clean);
  }
}
