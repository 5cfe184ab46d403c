package io.humanseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * The job's progress counts images inside tasks that are still running: a task adds to the accumulator and then
 * waits (in local mode it shares this JVM) until the driver's listener has seen that count arrive with an executor
 * heartbeat. Before, progress moved only when a whole task ended.
 */
class ProgressTest {
  private static volatile Progress progress;
  /** What the listener had seen of the running task when the task stopped waiting. */
  private static final AtomicLong SEEN_WHILE_RUNNING = new AtomicLong(-1);

  @Test
  void imagesInRunningTasksReachTheDriverWithTheHeartbeats() {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("ProgressTest")
        .config("spark.ui.enabled", "false").config("spark.executor.heartbeatInterval", "500ms").getOrCreate();
    try {
      LongAccumulator done = spark.sparkContext().longAccumulator("images");
      progress = new Progress(done.id());
      spark.sparkContext().addSparkListener(progress);
      JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).foreachPartition(rows -> {
        done.add(3);
        // A hang guard, not a speed bound: heartbeats come every 500 ms.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (progress.largestRunningSeen() < 3 && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        SEEN_WHILE_RUNNING.set(progress.largestRunningSeen());
      });
      assertEquals(3, SEEN_WHILE_RUNNING.get(), "the running task's count never reached the driver before it ended");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (progress.done() != 3 && System.nanoTime() < end) {
        Thread.onSpinWait(); // the listener bus delivers the task's end asynchronously
      }
      assertEquals(3, progress.done(), "a finished task counts once");
      assertTrue(progress.runningTasks() == 0);
    } finally {
      spark.stop();
    }
  }
}
