package io.humanseg.image;

import java.util.Arrays;

/**
 * Places a GIF's first frame on its logical screen. Nearly always the frame fills the screen and is returned as
 * it is; otherwise the uncovered area is white, which is what a browser shows on a default page background.
 */
final class GifCanvas {
  private GifCanvas() {}

  static StoredPixels place(StoredPixels frame, ImageInfo screen, int[] offset) {
    int w = screen.storedWidth();
    int h = screen.storedHeight();
    int left = offset[0];
    int top = offset[1];
    if (left == 0 && top == 0 && frame.width() == w && frame.height() == h) {
      return frame;
    }
    byte[] canvas = new byte[3 * w * h];
    Arrays.fill(canvas, (byte) 0xff);
    int columns = Math.min(frame.width(), w - left);
    int rows = Math.min(frame.height(), h - top);
    for (int y = 0; y < rows && columns > 0; y++) {
      System.arraycopy(frame.pixels(), 3 * y * frame.width(), canvas, 3 * ((top + y) * w + left), 3 * columns);
    }
    // The frame was converted channel order and all, so the canvas keeps its order (white is white either way).
    return new StoredPixels(w, h, canvas, frame.bgr());
  }
}
