package io.humanseg.spark;

import io.humanseg.encode.BoundingBox;
import io.humanseg.encode.EncodeOptions;
import io.humanseg.encode.SegmentationMetadata;
import io.humanseg.image.ImageErrorCode;
import io.humanseg.image.ImageException;
import io.humanseg.pipeline.SegmentationPipeline;
import io.humanseg.segment.SegmentOptions;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Segments one partition of (path, length) rows and yields one manifest row per input. The length is checked
 * before a byte is read; per-image failures become error rows; I/O failures on the output are infrastructure
 * failures and fail the task (Spark retries it), never leaving a partial or temporary file behind.
 */
final class ImageTask implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /**
   * Test hook: when this system property is set, the first output whose path contains its value fails once per
   * JVM after its temporary file was written, as a crashing task would.
   */
  static final String FAIL_ONCE_PROPERTY = "humanseg.spark.failOnceAfterTempWrite";
  private static final java.util.concurrent.atomic.AtomicBoolean FAILED_ONCE =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** What the task needs from the driver; all serializable. */
  record Settings(
      Pipelines.Key pipeline,
      boolean refine,
      boolean rgba,
      boolean files,
      String inputRoot,
      String outputDir,
      Map<String, String> hadoopConf) implements Serializable {}

  private final Settings settings;
  private final LongAccumulator done;

  ImageTask(Settings settings, LongAccumulator done) {
    this.settings = settings;
    this.done = done;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Configuration conf = new Configuration(false);
    settings.hadoopConf().forEach(conf::set);
    SegmentationPipeline pipeline = Pipelines.get(settings.pipeline());
    SegmentOptions options = SegmentOptions.defaults().withModel(settings.pipeline().model())
        .withRefine(settings.refine());
    EncodeOptions encode = settings.rgba() ? EncodeOptions.rgba() : EncodeOptions.alpha();
    Map<String, FileSystem> fileSystems = new HashMap<>();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        Row out = process(row.getString(0), row.isNullAt(1) ? -1 : row.getLong(1), pipeline, options, encode,
            conf, fileSystems);
        done.add(1);
        return out;
      }
    };
  }

  private Row process(String path, long length, SegmentationPipeline pipeline, SegmentOptions options,
      EncodeOptions encode, Configuration conf, Map<String, FileSystem> fileSystems) {
    long start = System.nanoTime();
    Path input = new Path(path);
    String output = settings.files() ? OutputPaths.output(settings.outputDir(), settings.inputRoot(), path) : null;
    byte[] bytes;
    try {
      FileSystem fs = fileSystem(input, conf, fileSystems);
      if (length < 0) {
        length = fs.getFileStatus(input).getLen();
      }
      long maxBytes = settings.pipeline().maxBytes();
      if (length > maxBytes) {
        return error(path, ImageErrorCode.IMAGE_TOO_LARGE.name(),
            "image file has " + length + " bytes; the limit is " + maxBytes, start);
      }
      bytes = readFully(fs, input, length);
    } catch (FileNotFoundException e) {
      return error(path, Manifest.NOT_FOUND, String.valueOf(e.getMessage()), start);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    SegmentationPipeline.Processed processed;
    try {
      processed = pipeline.process(bytes, options, encode);
    } catch (ImageException e) {
      return error(path, e.code().name(), e.getMessage(), start);
    } catch (RuntimeException e) {
      // A photo the library cannot handle must not fail the job; its message says which and why.
      return error(path, Manifest.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), start);
    }
    byte[] png = processed.image().bytes();
    if (output != null) {
      try {
        writeAtomically(new Path(output), png, conf, fileSystems);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + output, e);
      }
    }
    SegmentationMetadata m = processed.metadata();
    BoundingBox box = m.foregroundBox();
    Object[] values = {path, output, Manifest.OK, null, null, m.width(), m.height(), m.foregroundFraction(),
        box == null ? null : box.left(), box == null ? null : box.top(),
        box == null ? null : box.width(), box == null ? null : box.height(), m.model(), millis(start),
        settings.files() ? null : png};
    return RowFactory.create(settings.files() ? java.util.Arrays.copyOf(values, values.length - 1) : values);
  }

  private Row error(String path, String code, String message, long start) {
    Object[] values = {path, null, Manifest.ERROR, code, message, null, null, null, null, null, null, null,
        settings.pipeline().model(), millis(start), null};
    return RowFactory.create(settings.files() ? java.util.Arrays.copyOf(values, values.length - 1) : values);
  }

  private static double millis(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static FileSystem fileSystem(Path path, Configuration conf, Map<String, FileSystem> cache)
      throws IOException {
    String key = path.toUri().getScheme() + "://" + path.toUri().getAuthority();
    FileSystem fs = cache.get(key);
    if (fs == null) {
      fs = path.getFileSystem(conf);
      fs.setWriteChecksum(false);
      cache.put(key, fs);
    }
    return fs;
  }

  private static byte[] readFully(FileSystem fs, Path path, long ignoredLength) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  /**
   * Writes under a temporary name unique to this attempt, in the target folder, then renames. A retried or
   * speculative attempt writes its own temporary file; whichever renames last wins with identical bytes, and a
   * failure anywhere removes the temporary file.
   */
  private static void writeAtomically(Path target, byte[] bytes, Configuration conf, Map<String, FileSystem> cache)
      throws IOException {
    FileSystem fs = fileSystem(target, conf, cache);
    Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    boolean renamed = false;
    try {
      try (OutputStream out = fs.create(temp, true)) {
        out.write(bytes);
      }
      String failOn = System.getProperty(FAIL_ONCE_PROPERTY);
      if (failOn != null && target.toString().contains(failOn) && FAILED_ONCE.compareAndSet(false, true)) {
        throw new IOException("simulated task failure after writing " + temp);
      }
      if (!fs.rename(temp, target)) {
        // HDFS does not rename onto an existing file: an earlier attempt finished it; replace it.
        fs.delete(target, false);
        if (!fs.rename(temp, target)) {
          throw new IOException("cannot rename " + temp + " to " + target);
        }
      }
      renamed = true;
    } finally {
      if (!renamed) {
        fs.delete(temp, false);
      }
    }
  }
}
