package io.humanseg.server.fetch;

/**
 * Why an image URL could not be fetched: a stable {@link Code} for the JSON error body and the HTTP status the
 * server answers with. The message is for logs and may name the upstream; it never carries credentials.
 */
public final class FetchException extends RuntimeException {
  /**
   * Stable error codes. Policy: what the client could fix by sending another URL is a 4xx (the URL is malformed,
   * forbidden, names nothing, names something too big or something its owner refuses us), so that it does not
   * page anyone; an upstream that misbehaves or is unreachable is a 5xx gateway error.
   */
  public enum Code {
    /** Not a URL we can parse: no host, bad port, unknown syntax. */
    BAD_URL(400),
    /**
     * Well formed but refused by policy: a scheme other than http, https or s3, credentials in the URL, or a host
     * that resolves to a loopback, private, link-local or otherwise non-public address (also after a redirect).
     * 400 rather than 403: the request is wrong, not the client's permissions on this API.
     */
    URL_NOT_ALLOWED(400),
    /** S3 answered NoSuchKey or NoSuchBucket. */
    UPSTREAM_NOT_FOUND(404),
    /** S3 answered AccessDenied (403) for our credentials: the object's owner does not let us read it. */
    UPSTREAM_ACCESS_DENIED(403),
    /** The body passed the byte cap (declared or while streaming); the transfer was aborted. */
    UPSTREAM_TOO_LARGE(413),
    /** Non-2xx upstream answer, refused connection, reset, DNS failure, S3 service error. */
    UPSTREAM_ERROR(502),
    /** More redirects than the configured maximum. */
    TOO_MANY_REDIRECTS(502),
    /** Connect timeout, or the whole fetch (redirects included) took longer than the total timeout. */
    UPSTREAM_TIMEOUT(504);

    private final int httpStatus;

    Code(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Code code;

  public FetchException(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public FetchException(Code code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  /** The status the REST server should answer with. */
  public int httpStatus() {
    return code.httpStatus();
  }

  @Override
  public String toString() {
    return "FetchException[" + code + "]: " + getMessage();
  }
}
