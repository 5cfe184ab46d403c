package io.humanseg.server.fetch;

import io.humanseg.server.fetch.FetchException.Code;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Collects a GetObject body into memory, up to a byte cap. An object whose Content-Length passes the cap is
 * refused before its first byte is read; a body that streams past the cap anyway is cut off there. Cancelling the
 * body's subscription makes the SDK's Netty client close the connection rather than drain it.
 */
final class CappedObjectTransformer
    implements AsyncResponseTransformer<GetObjectResponse, CappedObjectTransformer.Result> {

  record Result(byte[] bytes, String contentType) {}

  private final long maxBytes;
  // The SDK calls prepare() again for each retry; every attempt gets fresh state.
  private volatile CompletableFuture<Result> result;
  private volatile GetObjectResponse response;

  CappedObjectTransformer(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public CompletableFuture<Result> prepare() {
    response = null;
    result = new CompletableFuture<>();
    return result;
  }

  @Override
  public void onResponse(GetObjectResponse r) {
    response = r;
    Long length = r.contentLength();
    if (length != null && length > maxBytes) {
      result.completeExceptionally(tooLarge("is " + length + " bytes, more"));
    }
  }

  @Override
  public void onStream(SdkPublisher<ByteBuffer> publisher) {
    CompletableFuture<Result> target = result;
    GetObjectResponse head = response;
    publisher.subscribe(new Subscriber<ByteBuffer>() {
      private Subscription subscription;
      private ByteArrayOutputStream body;

      @Override
      public void onSubscribe(Subscription s) {
        subscription = s;
        if (target.isDone()) {
          s.cancel();
          return;
        }
        Long length = head == null ? null : head.contentLength();
        body = new ByteArrayOutputStream(length == null ? 64 * 1024 : (int) Math.max(0, length));
        // One buffer at a time: the cap check then stops the transfer at the buffer that passes it.
        s.request(1);
      }

      @Override
      public void onNext(ByteBuffer buffer) {
        if (target.isDone()) {
          subscription.cancel();
          return;
        }
        if ((long) body.size() + buffer.remaining() > maxBytes) {
          target.completeExceptionally(tooLarge("streams"));
          subscription.cancel();
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        body.write(chunk, 0, chunk.length);
        subscription.request(1);
      }

      @Override
      public void onError(Throwable t) {
        target.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        if (body == null) {
          return;
        }
        target.complete(new Result(body.toByteArray(), head == null ? null : head.contentType()));
      }
    });
  }

  @Override
  public void exceptionOccurred(Throwable error) {
    result.completeExceptionally(error);
  }

  private FetchException tooLarge(String what) {
    return new FetchException(Code.UPSTREAM_TOO_LARGE, "S3 object " + what + " than the cap of " + maxBytes
        + " bytes");
  }
}
