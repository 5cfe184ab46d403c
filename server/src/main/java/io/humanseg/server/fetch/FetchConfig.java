package io.humanseg.server.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Limits and targets for fetching image URLs.
 *
 * @param connectTimeout TCP connect (and pooled-connection wait) per hop
 * @param totalTimeout the whole fetch: name resolution, every redirect hop and the body
 * @param maxBytes the byte cap; larger bodies are aborted while streaming
 * @param maxRedirects redirects followed before {@code TOO_MANY_REDIRECTS}; 0 follows none
 * @param allowlist blocks that the address guard lets through although they are not public (e.g. an internal
 *     image store); empty by default
 * @param s3 how s3:// URLs are read
 */
public record FetchConfig(
    Duration connectTimeout, Duration totalTimeout, long maxBytes, int maxRedirects, List<Cidr> allowlist, S3 s3) {

  /** 32 MiB: a 4096 x 4096 photo as PNG, or as a high-quality JPEG with room to spare. */
  public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

  public FetchConfig {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(totalTimeout, "totalTimeout");
    // One byte array holds the body.
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes must be in 1.." + (Integer.MAX_VALUE - 8) + ": " + maxBytes);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must be >= 0: " + maxRedirects);
    }
    allowlist = List.copyOf(allowlist);
    Objects.requireNonNull(s3, "s3");
  }

  /** 5 s connect, 20 s in all, 32 MiB, 3 redirects, no allowlist, S3 from the SDK's default chains. */
  public static FetchConfig defaults() {
    return new FetchConfig(
        Duration.ofSeconds(5), Duration.ofSeconds(20), DEFAULT_MAX_BYTES, 3, List.of(), S3.defaults());
  }

  public FetchConfig withTimeouts(Duration connect, Duration total) {
    return new FetchConfig(connect, total, maxBytes, maxRedirects, allowlist, s3);
  }

  public FetchConfig withMaxBytes(long bytes) {
    return new FetchConfig(connectTimeout, totalTimeout, bytes, maxRedirects, allowlist, s3);
  }

  public FetchConfig withMaxRedirects(int redirects) {
    return new FetchConfig(connectTimeout, totalTimeout, maxBytes, redirects, allowlist, s3);
  }

  /** The allowlist from CIDR strings such as "127.0.0.2/32" or "fd00:1234::/32". */
  public FetchConfig withAllowlist(String... cidrs) {
    return new FetchConfig(
        connectTimeout, totalTimeout, maxBytes, maxRedirects, Arrays.stream(cidrs).map(Cidr::parse).toList(), s3);
  }

  public FetchConfig withS3(S3 settings) {
    return new FetchConfig(connectTimeout, totalTimeout, maxBytes, maxRedirects, allowlist, settings);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /**
   * The S3 client. Each null means "the SDK's default": region from the default region chain (else us-east-1,
   * with cross-region access on), credentials from the default credential chain, AWS's own endpoint.
   *
   * @param region e.g. "eu-west-1"
   * @param endpointOverride for S3-compatible stores (MinIO, Ceph, ...); trusted operator config, so it is not
   *     subject to the address guard
   * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; most S3-compatible
   *     stores need it
   * @param accessKeyId static credentials, both or neither; mostly for S3-compatible stores and tests
   * @param secretAccessKey see accessKeyId
   */
  public record S3(String region, URI endpointOverride, boolean pathStyle, String accessKeyId, String secretAccessKey) {
    public S3 {
      if ((accessKeyId == null) != (secretAccessKey == null)) {
        throw new IllegalArgumentException("give both accessKeyId and secretAccessKey, or neither");
      }
    }

    public static S3 defaults() {
      return new S3(null, null, false, null, null);
    }

    public boolean hasStaticCredentials() {
      return accessKeyId != null;
    }

    // Configs get logged; the secret must not be.
    @Override
    public String toString() {
      return "S3[region=" + region + ", endpointOverride=" + endpointOverride + ", pathStyle=" + pathStyle
          + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? null : "***") + "]";
    }
  }
}
