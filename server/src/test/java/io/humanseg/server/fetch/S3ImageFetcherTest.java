package io.humanseg.server.fetch;

import static io.humanseg.server.fetch.FetchException.Code.UPSTREAM_ACCESS_DENIED;
import static io.humanseg.server.fetch.FetchException.Code.UPSTREAM_ERROR;
import static io.humanseg.server.fetch.FetchException.Code.UPSTREAM_NOT_FOUND;
import static io.humanseg.server.fetch.FetchException.Code.UPSTREAM_TIMEOUT;
import static io.humanseg.server.fetch.FetchException.Code.UPSTREAM_TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * s3:// against an in-process S3Mock on loopback, through the SDK's Netty client on Vert.x's Netty. Region,
 * endpoint and dummy credentials come from the config, so that no credential or region chain (and no instance
 * metadata service) is consulted.
 */
@ExtendWith(VertxExtension.class)
class S3ImageFetcherTest {
  @RegisterExtension
  static final S3MockExtension S3_MOCK = LoopbackS3Mock.create("images");

  private static final int MAX_BYTES = 256 * 1024;
  private static final byte[] PHOTO = randomBytes(100_000);
  private static final byte[] HUGE = randomBytes(MAX_BYTES + 1);
  private static final byte[] BIG = randomBytes(6 * 1024 * 1024);

  // One fetcher for the class: closing one takes the SDK's event loops about two seconds.
  private static ImageFetcher fetcher;
  private static Vertx vertx;

  @BeforeAll
  static void putObjectsAndCreateFetcher(Vertx v) {
    // The mock's own client (https to its loopback port) fills the bucket; the fetcher reads over plain http.
    try (S3Client s3 = S3_MOCK.createS3ClientV2()) {
      s3.putObject(b -> b.bucket("images").key("photos/cat.jpg").contentType("image/jpeg"),
          RequestBody.fromBytes(PHOTO));
      s3.putObject(b -> b.bucket("images").key("odd key/ü?#.png"), RequestBody.fromBytes(PHOTO));
      s3.putObject(b -> b.bucket("images").key("huge.png"), RequestBody.fromBytes(HUGE));
      s3.putObject(b -> b.bucket("images").key("big.png"), RequestBody.fromBytes(BIG));
    }
    vertx = v;
    fetcher = ImageFetcher.create(vertx, config(endpoint()));
  }

  @AfterAll
  static void closeFetcher() {
    fetcher.close();
  }

  private static URI endpoint() {
    return URI.create("http://127.0.0.1:" + S3_MOCK.getHttpPort());
  }

  private static FetchConfig config(URI endpoint) {
    return FetchConfig.defaults()
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
        .withMaxBytes(MAX_BYTES)
        .withS3(new FetchConfig.S3("us-east-1", endpoint, true, "test-key", "test-secret"));
  }

  @Test
  void fetchesAnObject() throws Exception {
    FetchedImage image = Await.result(fetcher.fetch("s3://images/photos/cat.jpg"));
    assertArrayEquals(PHOTO, image.bytes());
    assertEquals("image/jpeg", image.contentType());
    assertEquals("s3://images/photos/cat.jpg", image.finalUrl());
  }

  @Test
  void keyIsTakenLiterally() throws Exception {
    assertArrayEquals(PHOTO, Await.result(fetcher.fetch("s3://images/odd key/ü?#.png")).bytes());
  }

  @Test
  void streamsLargeObjectsWithinTheCap() throws Exception {
    try (ImageFetcher roomy = ImageFetcher.create(vertx, config(endpoint()).withMaxBytes(8 * 1024 * 1024))) {
      assertArrayEquals(BIG, Await.result(roomy.fetch("s3://images/big.png")).bytes());
    }
  }

  @Test
  void missingKeyIsNotFound() throws Exception {
    FetchException e = Await.failure(fetcher.fetch("s3://images/no/such/key.jpg"), UPSTREAM_NOT_FOUND);
    assertEquals(404, e.httpStatus());
    assertTrue(e.getMessage().contains("NoSuchKey"), e.getMessage());
  }

  @Test
  void missingBucketIsNotFound() throws Exception {
    FetchException e = Await.failure(fetcher.fetch("s3://no-such-bucket/key.jpg"), UPSTREAM_NOT_FOUND);
    assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
  }

  @Test
  void objectOverTheCapIsRefused() throws Exception {
    long start = System.nanoTime();
    FetchException e = Await.failure(fetcher.fetch("s3://images/huge.png"), UPSTREAM_TOO_LARGE);
    assertEquals(413, e.httpStatus());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    // The cut connection did not poison the client.
    assertArrayEquals(PHOTO, Await.result(fetcher.fetch("s3://images/photos/cat.jpg")).bytes());
  }

  @Test
  void unreachableEndpointIsAnUpstreamError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (ImageFetcher nowhere = ImageFetcher.create(vertx, config(URI.create("http://127.0.0.1:" + closedPort)))) {
      // Refused, normally; but the SDK's pool sometimes lets a retry wait out the acquisition timeout instead.
      ExecutionException e = assertThrows(ExecutionException.class, () -> Await.result(
          nowhere.fetch("s3://images/photos/cat.jpg")));
      FetchException f = assertInstanceOf(FetchException.class, e.getCause());
      assertTrue(f.code() == UPSTREAM_ERROR || f.code() == UPSTREAM_TIMEOUT, f.toString());
    }
  }

  @Test
  void serviceErrorsMapToCodes() {
    S3Location where = new S3Location("images", "k");
    assertEquals(UPSTREAM_ACCESS_DENIED, S3ImageFetcher.asFetchException(
        new CompletionException(s3Error(403, "AccessDenied")), where).code());
    assertEquals(UPSTREAM_NOT_FOUND, S3ImageFetcher.asFetchException(s3Error(404, "NoSuchKey"), where).code());
    assertEquals(UPSTREAM_ERROR, S3ImageFetcher.asFetchException(s3Error(503, "SlowDown"), where).code());
    assertEquals(UPSTREAM_TIMEOUT, S3ImageFetcher.asFetchException(
        new CompletionException(ApiCallTimeoutException.create(10_000)), where).code());
  }

  @Test
  void secretStaysOutOfTheConfigsText() {
    String text = config(URI.create("http://127.0.0.1:1")).toString();
    assertFalse(text.contains("test-secret"), text);
    assertTrue(text.contains("test-key"), text);
  }

  private static S3Exception s3Error(int status, String code) {
    return (S3Exception) S3Exception.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
        .build();
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
