/**
 * The encode stage: from a photo and its alpha mask at the displayed size to the response's image and metadata.
 *
 * <p>{@link io.humanseg.encode.ResultEncoder} is the entry point: it computes {@link
 * io.humanseg.encode.ForegroundStats} in one pass, crops to the subject when asked ({@link
 * io.humanseg.encode.SubjectCrop}), builds the {@link io.humanseg.encode.OutputKind} (grey mask, RGBA cut-out or
 * a {@link io.humanseg.encode.Compositor composite} over a {@link io.humanseg.encode.Background}) and encodes it
 * as PNG ({@link io.humanseg.encode.PngEncoder}, our own), JPEG (ImageIO) or WebP (OpenCV). {@link
 * io.humanseg.encode.SegmentationMetadata} is the JSON beside it. Everything here is thread-safe.
 */
package io.humanseg.encode;
