#!/usr/bin/env bash
# Overload goodput and memory (issue 14). One run, one server with the production heap (-Xmx768m), wrk on
# loopback: the 1080p JPEG as base64 JSON on /seg and as a raw image/jpeg body on /v1/segment, each at
# concurrency 4 (the baseline, measured in the same run), 4x and 16x the worker count, DUR each (default 60s).
# Prints answered-200-per-second per run and its ratio to the concurrency-4 rate of the same route, RSS every
# 5 s (peak, at the end, after 30 s idle), and the 1-minute load average before and during each run.
# Take figures only when the machine is quiet: the script refuses to start while the 1-minute load average is
# 1.5 or more, unless FORCE=1 (smoke runs: their figures are not evidence).
#
# From the repository root, after building (Debian package `wrk`):
#   ./mvnw -B -ntp -DskipTests package && ./mvnw -q -pl server -am test-compile -DskipTests
#   bash server/src/bench/overload.sh            # DUR=10s FORCE=1 for a smoke run
set -euo pipefail
DUR=${DUR:-60s}
WORKERS=${WORKERS:-$(nproc)}
PORT=${PORT:-18081}
HEAP=${HEAP:--Xmx768m}
OUT=server/target/bench
URL=http://127.0.0.1:$PORT
mkdir -p "$OUT"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

load() { cut -d' ' -f1 /proc/loadavg; }
LOAD_BEFORE=$(load)
if [ "${FORCE:-0}" != 1 ] && awk -v l="$LOAD_BEFORE" 'BEGIN { exit !(l >= 1.5) }'; then
  echo "1-minute load average is $LOAD_BEFORE (1.5 or more): not quiet enough for figures; FORCE=1 to run anyway" >&2
  exit 2
fi

java -cp server/target/humanseg.jar:server/target/test-classes:model/target/test-classes:common-model/target/test-classes \
  -Dhumanseg.shared=../shared io.humanseg.server.bench.LoadInputs "$OUT"

java "$HEAP" -XX:+ExitOnOutOfMemoryError -jar server/target/humanseg.jar serve --host 127.0.0.1 --port "$PORT" \
  --workers "$WORKERS" > "$OUT/overload-server.log" 2>&1 &
PID=$!
SAMPLER=
trap 'kill $PID ${SAMPLER:-} 2>/dev/null || true' EXIT
until curl -sf "$URL/health/ready" > /dev/null; do
  kill -0 $PID 2>/dev/null || { echo "the server died; see $OUT/overload-server.log" >&2; exit 1; }
  sleep 0.5
done
rss() { echo $(( $(ps -o rss= -p $PID) / 1024 )); }
echo "workers $WORKERS, heap $HEAP, duration $DUR per run"
echo "load average before start: $LOAD_BEFORE"
echo "RSS after start (idle): $(rss) MB"

# RSS and load every 5 s, for the whole run.
: > "$OUT/overload-rss.txt"
( while kill -0 $PID 2>/dev/null; do echo "$(date +%s) $(rss) $(load)" >> "$OUT/overload-rss.txt"; sleep 5; done ) &
SAMPLER=$!

# Work left from a run (queued requests whose clients wrk dropped at its end) would be refusals in the next one.
settle() {
  until [ "$(curl -s "$URL/metrics" | grep -Ec '^humanseg_(inflight_requests|worker_queue_depth) 0(\.0)?$')" = 2 ]; do
    sleep 0.5
  done
  sleep 2
}

declare -A BASE
echo
echo "| route | concurrency | answered 200 per s | ratio to concurrency 4 | non-200 or errors | p50 ms | p99 ms | load during |"
echo "|---|---|---|---|---|---|---|---|"
for route in json raw; do
  if [ $route = json ]; then path=/seg body=$OUT/body-1080p.json type=application/json
  else path=/v1/segment body=$OUT/photo-1080p.jpg type=image/jpeg; fi
  for c in 4 $((4 * WORKERS)) $((16 * WORKERS)); do
    settle
    line=$(BODY=$body CTYPE=$type wrk -t2 -c$c -d"$DUR" -s server/src/bench/post.lua "$URL$path" | grep RESULT)
    during=$(load)
    ok=$(sed -E 's/.*ok_per_s=([0-9.]+).*/\1/' <<< "$line")
    bad=$(sed -E 's/.*non2xx_or_errors=([0-9]+).*/\1/' <<< "$line")
    p50=$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<< "$line")
    p99=$(sed -E 's/.*p99=([0-9.]+).*/\1/' <<< "$line")
    [ $c = 4 ] && BASE[$route]=$ok
    ratio=$(awk -v a="$ok" -v b="${BASE[$route]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    echo "| $type $path | $c | $ok | $ratio | $bad | $p50 | $p99 | $during |"
  done
done
echo
echo "RSS peak: $(sort -k2 -n "$OUT/overload-rss.txt" | tail -1 | cut -d' ' -f2) MB, at the end of the load: $(rss) MB"
sleep 30
echo "RSS after 30 s idle: $(rss) MB"
curl -s "$URL/metrics" | grep -E '^humanseg_(abandoned|inflight)' || true
