package io.humanseg.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's folders under {@code OUTPUT}, one run at a time, and the one rule for which earlier runs count:
 * <ul>
 *   <li>{@code _manifest/run=ID/}: the manifest of each run. Only one that Spark committed (its
 *       {@code _SUCCESS} marker exists) is read by {@code --resume}; one from a run that died before, during
 *       or while committing it is ignored and, by {@code --resume}, removed.
 *   <li>{@code _masks/run=ID/}: the masks of a {@code parquet} run; removed with its run's manifest when that
 *       is incomplete.
 *   <li>{@code _staging/run=ID/}: temporary files of a {@code files} run before they are renamed into place;
 *       the run removes its own at the end, {@code --resume} those of runs that died.
 *   <li>{@code _summary.json}: the latest run's figures.
 * </ul>
 * A resumed run takes the output over: two runs must not write the same output at the same time.
 */
final class RunLayout {
  private static final Logger LOG = LoggerFactory.getLogger(RunLayout.class);
  static final String SUCCESS = "_SUCCESS";

  private final Path output;
  private final String runId;
  private final FileSystem fs;

  RunLayout(Path output, String runId, Configuration hadoop) {
    this.output = output;
    this.runId = runId;
    try {
      this.fs = output.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path manifests() {
    return new Path(output, "_manifest");
  }

  Path manifest() {
    return new Path(manifests(), "run=" + runId);
  }

  Path masks() {
    return new Path(new Path(output, "_masks"), "run=" + runId);
  }

  Path staging() {
    return new Path(new Path(output, "_staging"), "run=" + runId);
  }

  Path summary() {
    return new Path(output, "_summary.json");
  }

  /** The manifests of earlier runs that were committed whole. */
  List<Path> completeManifests() {
    List<Path> complete = new ArrayList<>();
    for (FileStatus run : runs(manifests())) {
      if (exists(new Path(run.getPath(), SUCCESS))) {
        complete.add(run.getPath());
      }
    }
    return complete;
  }

  /**
   * Removes what runs that died left behind: manifests never committed (with their {@code _temporary}
   * folders), their masks, and every staging folder. Called by {@code --resume} before it reads the manifests.
   */
  void removeLeftoversOfDeadRuns() {
    for (FileStatus run : runs(manifests())) {
      if (!exists(new Path(run.getPath(), SUCCESS))) {
        LOG.info("removing the incomplete manifest of a run that did not finish: {}", run.getPath());
        delete(run.getPath());
      }
    }
    // Masks count only with their run's committed manifest (the manifest is written after them).
    for (FileStatus run : runs(new Path(output, "_masks"))) {
      if (!exists(new Path(new Path(manifests(), run.getPath().getName()), SUCCESS))) {
        LOG.info("removing the masks of a run that did not finish: {}", run.getPath());
        delete(run.getPath());
      }
    }
    delete(new Path(output, "_staging"));
  }

  /** Removes this run's staging folder (empty unless an attempt died between writing and renaming). */
  void removeStaging() {
    delete(staging());
    Path parent = staging().getParent();
    try {
      if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
        fs.delete(parent, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + parent, e);
    }
  }

  private List<FileStatus> runs(Path parent) {
    try {
      if (!fs.exists(parent)) {
        return List.of();
      }
      List<FileStatus> runs = new ArrayList<>();
      for (FileStatus s : fs.listStatus(parent)) {
        if (s.isDirectory() && s.getPath().getName().startsWith("run=")) {
          runs.add(s);
        }
      }
      return runs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + parent, e);
    }
  }

  private boolean exists(Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  private void delete(Path p) {
    try {
      fs.delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + p, e);
    }
  }
}
