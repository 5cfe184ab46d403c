package io.humanseg.server.fetch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Fetches the image behind a client's {@code {"url": ...}}: http, https or s3. Every failure is a failed future
 * with a {@link FetchException}, whose code and status the REST layer passes on.
 */
public interface ImageFetcher extends AutoCloseable {

  /** The bytes at {@code url}; never more than the configured cap, never from a refused address. */
  Future<FetchedImage> fetch(String url);

  /** Releases the HTTP client and, if one was started, the S3 client. */
  @Override
  void close();

  static ImageFetcher create(Vertx vertx, FetchConfig config) {
    return create(vertx, config, HostResolver.system(vertx));
  }

  /** With another name resolver; tests use it to resolve names without DNS. */
  static ImageFetcher create(Vertx vertx, FetchConfig config, HostResolver resolver) {
    return new SchemeDispatcher(new HttpImageFetcher(vertx, config, resolver), new S3ImageFetcher(vertx, config));
  }
}
