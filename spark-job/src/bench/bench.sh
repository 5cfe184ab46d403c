#!/usr/bin/env bash
# Spark job benchmark: N generated 1080p JPEGs through humanseg-spark-local.jar and through the same pipeline
# in-process with 2 threads (the baseline), interleaved in one run: baseline, local[2] (default partitions),
# local[2] with one partition per core, local[1], baseline again. Prints one table: the job's fixed costs
# (JVM and Spark start, listing and planning, the summary) apart from its per-image throughput, and the ratio of that throughput
# to the baseline's mean. Start it on a quiet machine: it waits until the 1-minute load average is under 1.5
# and records the load before and during the run. Run from the repository root after
#   ./mvnw -B -ntp -DskipTests package && ./mvnw -B -ntp -pl spark-job -am test-compile -DskipTests
set -euo pipefail
N=${N:-2000}
WORK=${WORK:-spark-job/target/bench}
rm -rf "$WORK" && mkdir -p "$WORK"
java -cp spark-job/target/test-classes io.humanseg.spark.bench.BenchImages ../shared/evaldata "$N" "$WORK/in"

load1() { cut -d' ' -f1 /proc/loadavg; }
until awk "BEGIN {exit !($(load1) < 1.5)}"; do echo "waiting for a quiet machine (load $(load1))"; sleep 15; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
(while sleep 10; do load1; done) > "$WORK/load.txt" &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT

baseline() {
  java -cp server/target/humanseg.jar:spark-job/target/test-classes \
    io.humanseg.spark.bench.InProcessBaseline "$WORK/in" "$WORK/inprocess$1" 2 | tee -a "$WORK/baseline.txt"
}
job() { # name, master, extra options
  local name=$1 master=$2; shift 2
  /usr/bin/time -f "%M %e" -o "$WORK/$name.rss" java -Dspark.master="$master" \
    -jar spark-job/target/humanseg-spark-local.jar --input "$WORK/in" --output "$WORK/out-$name" "$@" \
    > "$WORK/$name.log" 2>&1
  echo "$name $(tr -d '\n ' < "$WORK/out-$name/_summary.json") rssKB_wall=$(tr ' ' _ < "$WORK/$name.rss")" | tee -a "$WORK/jobs.txt"
}

baseline 1
job local2 'local[2]'
job local2-p2 'local[2]' --partitions 2
job local1 'local[1]'
baseline 2
kill $sampler
echo "load average during (max of 10 s samples): $(sort -n "$WORK/load.txt" | tail -1)"

python3 - "$WORK" <<'PY'
import json, re, sys
work = sys.argv[1]
base = [float(m.group(1)) for m in re.finditer(r"imagesPerSecond=([\d.]+)", open(f"{work}/baseline.txt").read())]
mean = sum(base) / len(base)
print(f"in-process baseline, 2 threads: {' and '.join(f'{b:.1f}' for b in base)} images/s (mean {mean:.1f})")
print("| run | images | JVM wall s | job s | listing s | processing s | summary s | images/s overall | images/s processing | processing / baseline | max RSS |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for line in open(f"{work}/jobs.txt"):
    name, rest = line.split(" ", 1)
    summary = json.loads(rest[:rest.rindex("rssKB_wall=")])
    rss_kb, wall = rest[rest.rindex("rssKB_wall=") + 11:].strip().split("_")
    rss = int(rss_kb) // 1024
    print(f"| {name} | {summary['ok']} ok, {summary['error']} errors | {float(wall):.1f} | {summary['seconds']:.1f} | {summary['listSeconds']:.1f}"
          f" | {summary['processSeconds']:.1f} | {summary['finishSeconds']:.1f} | {summary['imagesPerSecond']:.1f}"
          f" | {summary['processImagesPerSecond']:.1f} | {summary['processImagesPerSecond'] / mean:.2f} | {rss} MB |")
PY
