package io.humanseg.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Images done so far, while tasks run. The job's accumulator reaches the driver's value only when a task
 * ends, so a count read from it alone jumps by a whole partition at a time. Executors also send each running
 * task's accumulator values with their heartbeats ({@code spark.executor.heartbeatInterval}, 10 s by
 * default); this listener adds those up: done = sum over finished tasks + latest value of each running one.
 */
final class Progress extends SparkListener {
  private final long accumulatorId;
  private final AtomicLong finished = new AtomicLong();
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  private final java.util.Set<Long> ended = ConcurrentHashMap.newKeySet();
  private final AtomicLong largestRunningSeen = new AtomicLong();

  Progress(long accumulatorId) {
    this.accumulatorId = accumulatorId;
  }

  /** Images done: by finished tasks, and by running tasks as of their executors' last heartbeat. */
  long done() {
    return finished.get() + running.values().stream().mapToLong(Long::longValue).sum();
  }

  int runningTasks() {
    return running.size();
  }

  /** The largest count that running tasks reported in one heartbeat (shows that progress moves mid-task). */
  long largestRunningSeen() {
    return largestRunningSeen.get();
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (var task : CollectionConverters.asJava(update.accumUpdates())) {
      Long value = valueOf(task._4());
      // A heartbeat built before its task ended can arrive after the end: the finished count has it already.
      if (value != null && !ended.contains((Long) task._1())) {
        running.put((Long) task._1(), value);
        largestRunningSeen.accumulateAndGet(value, Math::max);
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    ended.add(end.taskInfo().taskId());
    running.remove(end.taskInfo().taskId());
    if (end.reason() == Success$.MODULE$) {
      Long value = valueOf(end.taskInfo().accumulables());
      if (value != null) {
        finished.addAndGet(value);
      }
    }
  }

  private Long valueOf(scala.collection.Seq<AccumulableInfo> infos) {
    for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
      if (info.id() == accumulatorId && info.update().isDefined()) {
        return ((Number) info.update().get()).longValue();
      }
    }
    return null;
  }
}
