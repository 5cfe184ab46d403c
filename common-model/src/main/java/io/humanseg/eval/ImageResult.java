package io.humanseg.eval;

/** One evaluated image. */
public record ImageResult(String id, double iou, double mae, double boundaryIou) {}
