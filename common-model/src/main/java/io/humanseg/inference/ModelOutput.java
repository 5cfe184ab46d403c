package io.humanseg.inference;

/**
 * A model's output tensor: its values, row-major, and its shape as the model produced it (which for models
 * with dynamic sizes depends on the input's size).
 */
public record ModelOutput(float[] values, long[] shape) {}
