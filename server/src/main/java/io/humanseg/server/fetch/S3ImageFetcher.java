package io.humanseg.server.fetch;

import io.humanseg.server.fetch.FetchException.Code;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Reads s3://bucket/key with the SDK's async client on its Netty HTTP client (the Netty that Vert.x brings, see
 * the parent pom). The client is built on first use, on a worker: finding the default region may ask the instance
 * metadata service, and a server that never sees an s3:// URL needs no S3 threads.
 */
final class S3ImageFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(S3ImageFetcher.class);

  private final Vertx vertx;
  private final FetchConfig config;
  private volatile S3AsyncClient client;

  S3ImageFetcher(Vertx vertx, FetchConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  Future<FetchedImage> fetch(S3Location location) {
    Context context = vertx.getOrCreateContext();
    S3AsyncClient ready = client;
    Future<S3AsyncClient> s3 = ready != null ? Future.succeededFuture(ready) : context.executeBlocking(this::client);
    return s3
        .compose(c -> Future.fromCompletionStage(c.getObject(
            GetObjectRequest.builder().bucket(location.bucket()).key(location.key()).build(),
            new CappedObjectTransformer(config.maxBytes())), context))
        .map(r -> new FetchedImage(r.bytes(), r.contentType(), location.url()))
        .recover(e -> Future.failedFuture(asFetchException(e, location)));
  }

  /** Blocks for about two seconds when a client was built: the SDK's event loops shut down gracefully. */
  void close() {
    S3AsyncClient c;
    synchronized (this) {
      c = client;
      client = null;
    }
    if (c != null) {
      c.close();
    }
  }

  private synchronized S3AsyncClient client() {
    if (client == null) {
      client = build(config);
    }
    return client;
  }

  private static S3AsyncClient build(FetchConfig config) {
    FetchConfig.S3 s3 = config.s3();
    S3AsyncClientBuilder b = S3AsyncClient.builder()
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .connectionTimeout(config.connectTimeout())
            // After a refused connection, the SDK's pool now and then leaves the retry waiting for a connection
            // until this runs out (seen with Netty 4.1 as with 4.2); its default of 10 s would eat the whole fetch.
            .connectionAcquisitionTimeout(config.connectTimeout())
            .readTimeout(config.totalTimeout())
            // Image fetches are few and short; the SDK's default (2 x cores) would sit idle.
            .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(2)))
        .overrideConfiguration(o -> o.apiCallTimeout(config.totalTimeout()))
        .region(region(s3))
        .forcePathStyle(s3.pathStyle())
        .credentialsProvider(credentials(s3));
    if (s3.endpointOverride() != null) {
      b.endpointOverride(s3.endpointOverride());
    } else {
      // On AWS itself, buckets in other regions are then found rather than answered with a 301.
      b.crossRegionAccessEnabled(true);
    }
    LOG.info("S3 client for image URLs: {}", s3);
    return b.build();
  }

  private static Region region(FetchConfig.S3 s3) {
    if (s3.region() != null) {
      return Region.of(s3.region());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      LOG.info("no AWS region configured; using us-east-1 with cross-region access");
      return Region.US_EAST_1;
    }
  }

  private static AwsCredentialsProvider credentials(FetchConfig.S3 s3) {
    if (s3.hasStaticCredentials()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  static FetchException asFetchException(Throwable error, S3Location location) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof FetchException f) {
        return f;
      }
    }
    String where = location.url();
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      return switch (s.statusCode()) {
        case 404 -> new FetchException(Code.UPSTREAM_NOT_FOUND, where + ": " + code, e);
        case 403 -> new FetchException(Code.UPSTREAM_ACCESS_DENIED, where + ": " + code, e);
        default -> new FetchException(Code.UPSTREAM_ERROR, where + ": S3 answered " + s.statusCode() + " " + code, e);
      };
    }
    if (isTimeout(e)) {
      return new FetchException(Code.UPSTREAM_TIMEOUT, where + ": S3 timed out", e);
    }
    return new FetchException(Code.UPSTREAM_ERROR, where + ": " + e, e);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ApiCallTimeoutException
          || c instanceof ApiCallAttemptTimeoutException
          || c instanceof TimeoutException
          || c instanceof io.netty.channel.ConnectTimeoutException
          || c instanceof io.netty.handler.timeout.TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
