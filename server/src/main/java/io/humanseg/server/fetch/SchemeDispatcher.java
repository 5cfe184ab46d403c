package io.humanseg.server.fetch;

import io.humanseg.server.fetch.FetchException.Code;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends each URL to the fetcher for its scheme; refuses every other scheme. */
final class SchemeDispatcher implements ImageFetcher {
  /** Longer URLs are refused unparsed; browsers and servers draw the line at about this length too. */
  static final int MAX_URL_LENGTH = 8192;
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private final HttpImageFetcher http;
  private final S3ImageFetcher s3;

  SchemeDispatcher(HttpImageFetcher http, S3ImageFetcher s3) {
    this.http = http;
    this.s3 = s3;
  }

  @Override
  public Future<FetchedImage> fetch(String url) {
    try {
      return switch (scheme(url)) {
        case "http", "https" -> http.fetch(HttpTarget.parse(url));
        case "s3" -> s3.fetch(S3Location.parse(url));
        default -> throw new FetchException(Code.URL_NOT_ALLOWED, "scheme not allowed: " + scheme(url));
      };
    } catch (FetchException e) {
      return Future.failedFuture(e);
    }
  }

  private static String scheme(String url) {
    if (url == null || url.isBlank()) {
      throw new FetchException(Code.BAD_URL, "no URL");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new FetchException(Code.BAD_URL, "URL longer than " + MAX_URL_LENGTH + " characters");
    }
    Matcher m = SCHEME.matcher(url);
    if (!m.find()) {
      throw new FetchException(Code.BAD_URL, "URL has no scheme");
    }
    return m.group(1).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    http.close();
    s3.close();
  }
}
