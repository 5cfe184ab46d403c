package io.humanseg.model.fetch;

/** A package could neither be downloaded nor found in the cache, or it failed verification. */
public class FetchException extends RuntimeException {
  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }

  public FetchException(String message) {
    super(message);
  }
}
