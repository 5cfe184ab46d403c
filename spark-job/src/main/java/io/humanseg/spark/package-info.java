/**
 * The Spark job: {@link io.humanseg.spark.SegmentJob} segments images in bulk with the shared inference library
 * (one {@link io.humanseg.segment.Segmenter} per executor JVM, see {@link io.humanseg.spark.Pipelines}).
 */
package io.humanseg.spark;
