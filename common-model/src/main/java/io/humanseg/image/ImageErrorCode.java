package io.humanseg.image;

/**
 * Why an image was refused. The names are stable: servers map them to HTTP statuses and clients may match on
 * them, so add new codes rather than renaming these.
 */
public enum ImageErrorCode {
  /** No bytes at all. */
  EMPTY_IMAGE,
  /** The bytes are not one of the formats we decode (JPEG, PNG, GIF, BMP, WebP), or a variant of one we refuse. */
  UNSUPPORTED_FORMAT,
  /** The format is recognised but the file is truncated, inconsistent or undecodable. */
  CORRUPT_IMAGE,
  /** The encoded size, a side or the pixel count exceeds the configured {@link ImageLimits}. */
  IMAGE_TOO_LARGE
}
