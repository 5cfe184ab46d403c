#!/usr/bin/env bash
# Spark job benchmark: N generated 1080p JPEGs through humanseg-spark-local.jar on local[1] and local[2], and
# the same files through the pipeline in-process with 2 threads, in one run. Run from the repository root after
#   ./mvnw -B -ntp -DskipTests package && ./mvnw -q -pl spark-job -am test-compile -DskipTests
set -euo pipefail
N=${N:-2000}
WORK=${WORK:-spark-job/target/bench}
rm -rf "$WORK" && mkdir -p "$WORK"
java -cp spark-job/target/test-classes io.humanseg.spark.bench.BenchImages ../shared/evaldata "$N" "$WORK/in"
for slots in 1 2; do
  /usr/bin/time -f "local[$slots] max RSS %M KB" java -Dspark.master="local[$slots]" \
    -jar spark-job/target/humanseg-spark-local.jar --input "$WORK/in" --output "$WORK/out$slots" > "$WORK/local$slots.log" 2>&1
  echo "local[$slots]: $(tr -d '\n ' < "$WORK/out$slots/_summary.json")"
  tail -1 "$WORK/local$slots.log"
done
java -cp server/target/humanseg.jar:spark-job/target/test-classes \
  io.humanseg.spark.bench.InProcessBaseline "$WORK/in" "$WORK/inprocess" 2
