package io.humanseg.server.http;

import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's HTTP/1.x request decoder, but a request with both Content-Length and Transfer-Encoding is invalid.
 * Netty would drop the Content-Length and read the body as chunked; a proxy in front that framed it by its length
 * would then see our "second request" as body bytes: the classic request-smuggling pair. RFC 9112 (6.3) lets a
 * server reject such a request, and it must close the connection after answering; the invalid request handler
 * does both.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
  StrictRequestDecoder(HttpServerOptions options) {
    super(options);
  }

  /**
   * Thrown while the headers are read, this makes the decoder treat the request as it treats any malformed one:
   * an invalid request for Vert.x, and the rest of the connection's bytes ignored.
   */
  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new IllegalArgumentException("both Content-Length and Transfer-Encoding");
  }
}
