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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Segments one partition of (path, length) rows and yields one manifest row per input, whatever happens to
 * it: this class is the one place where a per-input failure (an odd name, a missing or unreadable file, bytes
 * that are no image, a write the file system refuses) becomes an error row instead of a failed task. The
 * length is checked before a byte is read.
 */
final class ImageTask implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /**
   * What the task needs from the driver; all serializable.
   *
   * @param stagingDir where outputs are written before they are renamed into place (see {@link RunLayout})
   */
  record Settings(
      Pipelines.Key pipeline,
      SegmentOptions options,
      boolean rgba,
      boolean files,
      String inputRoot,
      String outputDir,
      String stagingDir,
      Map<String, String> hadoopConf) implements Serializable {}

  /** A per-input failure, with its manifest error code. */
  private static final class InputFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final String code;

    InputFailure(String code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }
  }

  private final Settings settings;
  private final LongAccumulator done;
  /** Output folders this task already made, so that each costs one mkdirs call per task, not one per image. */
  private transient java.util.Set<String> madeFolders;

  ImageTask(Settings settings, LongAccumulator done) {
    this.settings = settings;
    this.done = done;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Configuration conf = new Configuration(false);
    settings.hadoopConf().forEach(conf::set);
    SegmentationPipeline pipeline = Pipelines.get(settings.pipeline());
    SegmentOptions options = settings.options();
    EncodeOptions encode = settings.rgba() ? EncodeOptions.rgba() : EncodeOptions.alpha();
    Map<String, FileSystem> fileSystems = new HashMap<>();
    madeFolders = new java.util.HashSet<>();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        String path = row.getString(0);
        long length = row.isNullAt(1) ? -1 : row.getLong(1);
        long start = System.nanoTime();
        Row out;
        try {
          out = process(path, length, pipeline, options, encode, conf, fileSystems, start);
        } catch (InputFailure e) {
          out = error(path, e.code, e.getMessage(), start);
        } catch (RuntimeException e) {
          // Whatever else one input provokes stays that input's problem: its row says which and why.
          out = error(path, Manifest.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), start);
        }
        done.add(1);
        return out;
      }
    };
  }

  private Row process(String path, long length, SegmentationPipeline pipeline, SegmentOptions options,
      EncodeOptions encode, Configuration conf, Map<String, FileSystem> fileSystems, long start)
      throws InputFailure {
    Path input;
    String output;
    try {
      input = new Path(path);
      output = settings.files() ? OutputPaths.output(settings.outputDir(), settings.inputRoot(), path) : null;
    } catch (IllegalArgumentException e) {
      throw new InputFailure(Manifest.BAD_PATH, "cannot use this path: " + e.getMessage(), e);
    }
    byte[] bytes = read(input, length, conf, fileSystems);
    SegmentationPipeline.Processed processed;
    try {
      processed = pipeline.process(bytes, options, encode);
    } catch (ImageException e) {
      throw new InputFailure(e.code().name(), e.getMessage(), e);
    }
    byte[] png = processed.image().bytes();
    if (output != null) {
      try {
        writeAtomically(new Path(output), png, conf, fileSystems);
      } catch (IOException | IllegalArgumentException e) {
        throw new InputFailure(Manifest.WRITE_FAILED, "cannot write " + output + ": " + e.getMessage(), e);
      }
    }
    SegmentationMetadata m = processed.metadata();
    BoundingBox box = m.foregroundBox();
    Object[] values = {path, output, Manifest.OK, null, null, m.width(), m.height(), m.foregroundFraction(),
        box == null ? null : box.left(), box == null ? null : box.top(),
        box == null ? null : box.width(), box == null ? null : box.height(), m.model(), m.confidence(),
        millis(start), png};
    return RowFactory.create(settings.files() ? Arrays.copyOf(values, values.length - 1) : values);
  }

  private byte[] read(Path input, long length, Configuration conf, Map<String, FileSystem> fileSystems)
      throws InputFailure {
    try {
      FileSystem fs = fileSystem(input, conf, fileSystems);
      if (length < 0) {
        length = fs.getFileStatus(input).getLen();
      }
      long maxBytes = settings.pipeline().maxBytes();
      if (length > maxBytes) {
        throw new InputFailure(ImageErrorCode.IMAGE_TOO_LARGE.name(),
            "image file has " + length + " bytes; the limit is " + maxBytes, null);
      }
      try (InputStream in = fs.open(input)) {
        // Never more than the limit, even if the file grew since it was listed.
        return in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
      }
    } catch (FileNotFoundException e) {
      throw new InputFailure(Manifest.NOT_FOUND, String.valueOf(e.getMessage()), e);
    } catch (IOException e) {
      throw new InputFailure(Manifest.READ_FAILED, "cannot read " + input + ": " + e.getMessage(), e);
    }
  }

  private Row error(String path, String code, String message, long start) {
    Object[] values = {path, null, Manifest.ERROR, code, message, null, null, null, null, null, null, null,
        settings.pipeline().model(), null, millis(start), null};
    return RowFactory.create(settings.files() ? Arrays.copyOf(values, values.length - 1) : values);
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
      if (fs instanceof ChecksumFileSystem checksummed) {
        // The local file system without its .crc side files: outputs are written whole and renamed, inputs
        // are checked by their decoder, and its side-file names break on names such as "a:b.jpg".
        fs = checksummed.getRawFileSystem();
      }
      cache.put(key, fs);
    }
    return fs;
  }

  /**
   * Writes under a unique temporary name in this run's staging folder, then renames into place. A retried or
   * speculative attempt writes its own temporary file; whichever renames last wins with identical bytes. A
   * failure removes the temporary file; a killed JVM leaves it in the staging folder, which the run removes
   * at its end and a later {@code --resume} removes for runs that died ({@link RunLayout}).
   */
  private void writeAtomically(Path target, byte[] bytes, Configuration conf, Map<String, FileSystem> cache)
      throws IOException {
    FileSystem fs = fileSystem(target, conf, cache);
    Path temp = new Path(settings.stagingDir(), UUID.randomUUID() + ".tmp");
    boolean renamed = false;
    try {
      try (OutputStream out = fs.create(temp, true)) {
        out.write(bytes);
      }
      if (madeFolders.add(target.getParent().toString())) {
        fs.mkdirs(target.getParent());
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
