#!/usr/bin/env bash
# Load test of the server on loopback with wrk (Debian package `wrk`): 1080p JPEG as base64 JSON on /seg and
# as a raw image body on /v1/segment, at concurrency 1, 4, 16, 64; then a sustained run for the RSS figure.
# Run from the repository root after the README's build command:
#   ./mvnw -q -pl server -am test-compile -DskipTests && bash server/src/bench/load.sh
set -euo pipefail
DUR=${DUR:-20s}
OUT=server/target/bench
mkdir -p "$OUT"
java -cp server/target/humanseg.jar:server/target/test-classes:model/target/test-classes:common-model/target/test-classes \
  -Dhumanseg.shared=../shared io.humanseg.server.bench.LoadInputs "$OUT"

java -jar server/target/humanseg.jar serve --host 127.0.0.1 --port 18080 > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf http://127.0.0.1:18080/health/ready > /dev/null; do sleep 0.5; done
rss() { echo "$(( $(ps -o rss= -p $PID) / 1024 )) MB"; }
echo "RSS after start: $(rss)"

for c in 1 4 16 64; do
  t=$(( c < 2 ? 1 : 2 ))
  echo -n "json /seg c=$c: "
  BODY=$OUT/body-1080p.json wrk -t$t -c$c -d$DUR -s server/src/bench/post.lua http://127.0.0.1:18080/seg | grep RESULT
  echo -n "raw /v1/segment c=$c: "
  BODY=$OUT/photo-1080p.jpg CTYPE=image/jpeg wrk -t$t -c$c -d$DUR -s server/src/bench/post.lua \
    "http://127.0.0.1:18080/v1/segment" | grep RESULT
  echo "RSS: $(rss)"
done

# Baseline in the same run: the pipeline in-process, as many threads as cores, same photo.
kill $PID; wait $PID 2>/dev/null || true
java -cp server/target/humanseg.jar:server/target/test-classes:model/target/test-classes:common-model/target/test-classes \
  io.humanseg.server.bench.InProcessThroughput "$OUT/photo-1080p.jpg" "$(nproc)" 20
java -jar server/target/humanseg.jar serve --host 127.0.0.1 --port 18080 >> "$OUT/server.log" 2>&1 &
PID=$!
until curl -sf http://127.0.0.1:18080/health/ready > /dev/null; do sleep 0.5; done

# Sustained run at concurrency 4 (SUSTAIN_SECONDS, default 300: about 10,000 requests at 33/s), RSS every 10 s.
echo "sustained run for ${SUSTAIN_SECONDS:-300} s:"
( while kill -0 $PID 2>/dev/null; do echo "  RSS $(rss)"; sleep 10; done ) &
SAMPLER=$!
BODY=$OUT/body-1080p.json wrk -t2 -c4 -d${SUSTAIN_SECONDS:-300}s -s server/src/bench/post.lua http://127.0.0.1:18080/seg | grep RESULT
kill $SAMPLER
echo "RSS at the end: $(rss)"
curl -s http://127.0.0.1:18080/metrics | grep -E '^humanseg_(abandoned|inflight)' || true
