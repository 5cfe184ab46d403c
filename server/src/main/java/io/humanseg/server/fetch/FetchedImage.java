package io.humanseg.server.fetch;

/**
 * The fetched bytes, not yet decoded. The decoder sniffs the format from the bytes; {@code contentType} is what the
 * upstream claimed (possibly null) and is kept for logs only. {@code finalUrl} is where the bytes came from after
 * redirects.
 */
public record FetchedImage(byte[] bytes, String contentType, String finalUrl) {
  @Override
  public String toString() {
    return "FetchedImage[" + bytes.length + " bytes, " + contentType + ", " + finalUrl + "]";
  }
}
