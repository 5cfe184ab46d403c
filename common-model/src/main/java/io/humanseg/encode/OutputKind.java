package io.humanseg.encode;

/** What a request gets back. */
public enum OutputKind {
  /** The mask as an 8-bit grey PNG (the public API's {@code result}). */
  ALPHA,
  /** The photo with the mask as alpha: a cut-out with a transparent background. */
  RGBA,
  /** The person over a new background (colour, image or the blurred photo), without alpha. */
  COMPOSITE
}
