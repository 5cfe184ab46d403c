package io.humanseg.server.http;

import io.humanseg.server.api.ApiError;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code multipart/form-data} body, decoded as it arrives by Netty's decoder (the one Vert.x uses) with every
 * part in memory: nothing is written to disk, so nothing can be left there, and the request's byte budget already
 * bounds what is held. A body that ends before its closing boundary is refused, not waited for.
 */
final class MultipartForm {
  static final String IMAGE_PART = "image_file";

  private final HttpPostMultipartRequestDecoder decoder;
  private boolean destroyed;

  /** The form's fields and the {@value #IMAGE_PART} part's bytes (null when absent). */
  record Parts(Map<String, String> fields, byte[] image) {}

  MultipartForm(String contentType) {
    HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    try {
      if (!HttpPostRequestDecoder.isMultipart(head)) {
        throw bad("multipart/form-data needs a boundary parameter");
      }
      decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false), head);
    } catch (DecoderException | IndexOutOfBoundsException e) {
      // Netty reads an empty "boundary=" past its end.
      throw bad("the multipart Content-Type is not valid (its boundary?)");
    }
  }

  void append(Buffer chunk) {
    try {
      decoder.offer(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.getBytes())));
    } catch (DecoderException e) {
      throw bad("the multipart body is malformed");
    }
  }

  /** The parts, once the body has ended; frees the decoder. */
  Parts finish() {
    try {
      decoder.offer(LastHttpContent.EMPTY_LAST_CONTENT);
      if (decoder.currentPartialHttpData() != null || decoder.getBodyHttpDatas().isEmpty()) {
        throw bad("the multipart body ends before its closing boundary");
      }
      Map<String, String> fields = new HashMap<>();
      byte[] image = null;
      for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
        if (IMAGE_PART.equals(data.getName()) && data instanceof HttpData part) {
          image = part.get();
        } else if (data instanceof Attribute field) {
          fields.putIfAbsent(field.getName(), field.getValue());
        }
      }
      return new Parts(fields, image);
    } catch (DecoderException | IOException e) {
      throw bad("the multipart body is malformed");
    } finally {
      discard();
    }
  }

  void discard() {
    if (!destroyed) {
      destroyed = true;
      decoder.destroy();
    }
  }

  private static ApiError bad(String message) {
    return ApiError.badRequest("BAD_MULTIPART", message);
  }
}
