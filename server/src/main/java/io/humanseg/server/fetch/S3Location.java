package io.humanseg.server.fetch;

import io.humanseg.server.fetch.FetchException.Code;
import java.util.regex.Pattern;

/**
 * {@code s3://bucket/key}. As with the AWS CLI, the key is everything after the first slash, taken literally
 * (no percent-decoding, '?' and '#' are part of it).
 */
record S3Location(String bucket, String key) {
  private static final String PREFIX = "s3://";
  // Bucket naming rules, loosened to the legacy names (capitals, underscores) that still exist in us-east-1.
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]");

  static S3Location parse(String url) {
    if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new FetchException(Code.BAD_URL, "not an s3:// URL");
    }
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.contains("@")) {
      throw new FetchException(Code.URL_NOT_ALLOWED, "URLs with credentials are not allowed");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw new FetchException(Code.BAD_URL, "not a valid S3 bucket name");
    }
    if (key.isEmpty()) {
      throw new FetchException(Code.BAD_URL, "s3:// URL names no object key");
    }
    return new S3Location(bucket, key);
  }

  String url() {
    return PREFIX + bucket + "/" + key;
  }
}
