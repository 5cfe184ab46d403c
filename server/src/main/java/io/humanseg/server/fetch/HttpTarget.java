package io.humanseg.server.fetch;

import io.humanseg.server.fetch.FetchException.Code;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

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
  /** The longest DNS name. */
  private static final int MAX_HOST_LENGTH = 253;
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
  private static final Pattern CANONICAL_IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

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

  /**
   * The WHATWG URL rule that browsers and curl follow: a host whose last label is a number (decimal, or hex with
   * 0x) is an IPv4 address, read in octal, hex or short forms too ({@code 0177.0.0.1} and {@code 0x7f000001} are
   * 127.0.0.1). Java reads such hosts otherwise (leading zeros as decimal, the rest as names), so the guard would
   * judge another address than a browser means: such hosts are refused unless they are the plain form.
   */
  private static boolean endsInNumber(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    return NUMBER.matcher(h.substring(h.lastIndexOf('.') + 1)).matches();
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
    if (host.length() > MAX_HOST_LENGTH) {
      throw new FetchException(malformed, "host name longer than " + MAX_HOST_LENGTH + " characters");
    }
    if (endsInNumber(host) && !CANONICAL_IPV4.matcher(host).matches()) {
      throw new FetchException(malformed, "numeric host " + host + " is not a plain dotted IPv4 address (a.b.c.d, "
          + "0-255 without leading zeros); octal, hex and short forms are refused");
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
