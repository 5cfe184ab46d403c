#!/usr/bin/env bash
# The speed figures in one run (BENCHMARKS.md "Speed"): the server under wrk on loopback, the same pipeline
# in-process, and JMH stage benchmarks, interleaved, on the built-in model with its default pipeline, 1920x1080
# (and 4096x3072) JPEG quality 90 in, grey PNG alpha out. Prints one table with the ratios, and the load
# average before and during. Waits until the 1-minute load average is under 1.5 before it starts.
# From the repository root (builds what it needs, runs no tests):
#   bash server/src/bench/speed.sh
# Settings: DUR (each wrk run, default 20s), SUSTAIN_REQUESTS (the RSS run, default 10000), XMX (the server's heap,
# default 512m, given as -Xms and -Xmx: with a smaller -Xms the heap is committed step by step up to -Xmx as load
# goes on, which shows as RSS growth that is not a leak).
set -euo pipefail
DUR=${DUR:-20s}
SUSTAIN_REQUESTS=${SUSTAIN_REQUESTS:-10000}
XMX=${XMX:-512m}
OUT=server/target/bench/speed
PORT=18081
URL=http://127.0.0.1:$PORT
mkdir -p "$OUT"

./mvnw -B -ntp -q -pl server,model -am package -DskipTests
CP=server/target/humanseg.jar:server/target/test-classes:model/target/test-classes:common-model/target/test-classes
java -cp "$CP" -Dhumanseg.shared=../shared io.humanseg.server.bench.LoadInputs "$OUT" > /dev/null

load1() { cut -d' ' -f1 /proc/loadavg; }
while awk -v l="$(load1)" 'BEGIN { exit !(l >= 1.5) }'; do
  echo "waiting for a quiet machine: load average $(load1)"
  sleep 20
done
LOAD_BEFORE=$(load1)
echo "load average before: $LOAD_BEFORE ($(date -u +%FT%TZ), $(nproc) cores)"
# The load average every 5 s while the benchmarks run (their own threads count in it).
( while true; do load1 >> "$OUT/load.txt"; sleep 5; done ) &
SAMPLER=$!
: > "$OUT/load.txt"

SERVER=
stop_server() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true; SERVER=; }
trap 'stop_server; kill $SAMPLER 2>/dev/null || true' EXIT
start_server() {
  java -Xms"$XMX" -Xmx"$XMX" -jar server/target/humanseg.jar serve --host 127.0.0.1 --port $PORT >> "$OUT/server.log" 2>&1 &
  SERVER=$!
  until curl -sf "$URL/health/ready" > /dev/null; do sleep 0.5; done
  # Warm-up: the JIT and the model session, as a real server has had.
  BODY=$OUT/photo-1080p.jpg CTYPE=image/jpeg wrk -t1 -c2 -d10s -s server/src/bench/post.lua "$URL/v1/segment" > /dev/null
}
# field NAME LINE: the value of NAME=... in a RESULT line
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
wrk_run() { # concurrency body content-type path
  local t=$(( $1 < 2 ? 1 : 2 ))
  BODY=$2 CTYPE=$3 wrk -t$t -c"$1" -d"$DUR" -s server/src/bench/post.lua "$URL$4" | grep RESULT
}
in_process() { # threads [JVM options]
  java "${@:2}" -cp "$CP" io.humanseg.server.bench.InProcessThroughput "$OUT/photo-1080p.jpg" "$1" 20 | grep RESULT
}

echo "1/5 in-process pipeline, before the server"
IP1=$(in_process 1); echo "  $IP1"
# One thread kept on one core (no bands): the per-core rate that two threads should double.
IP1CORE=$(in_process 1 -Dhumanseg.bands=1); echo "  one core: $IP1CORE"
IP2A=$(in_process 2); echo "  $IP2A"

echo "2/5 server under wrk"
start_server
RSS_START=$(( $(ps -o rss= -p "$SERVER") / 1024 ))
RAW1=$(wrk_run 1 "$OUT/photo-1080p.jpg" image/jpeg /v1/segment); echo "  raw c1: $RAW1"
JSON1=$(wrk_run 1 "$OUT/body-1080p.json" application/json /); echo "  seed json c1: $JSON1"
RAW4=$(wrk_run 4 "$OUT/photo-1080p.jpg" image/jpeg /v1/segment); echo "  raw c4: $RAW4"
JSON4=$(wrk_run 4 "$OUT/body-1080p.json" application/json /); echo "  seed json c4: $JSON4"
BIG1=$(wrk_run 1 "$OUT/photo-4k.jpg" image/jpeg /v1/segment); echo "  raw 4096x3072 c1: $BIG1"
STAGES=$(curl -s "$URL/metrics" | grep -E '^humanseg_stage_seconds_(sum|count)' || true)
stop_server

echo "3/5 in-process pipeline, after the server"
IP2B=$(in_process 2); echo "  $IP2B"

echo "4/5 JMH stage benchmarks (1920x1080, allocation per operation with -prof gc)"
./mvnw -B -ntp -q -pl model -am -Pjmh process-test-classes -DskipTests -Djmh.args="-f 1 -wi 3 -w 1 -i 5 -r 2 \
  -p size=1920x1080 -p intraOpThreads=1 -prof gc -rf json -rff $PWD/$OUT/jmh.json \
  DecodeBench.decodeReduced SegmentBench.segment EncodeBench.encodeAlphaPng PipelineBench.process" \
  > "$OUT/jmh.txt" 2> "$OUT/jmh.err"
grep -E '^(Benchmark|[A-Za-z]+Bench\.[A-Za-z0-9]+ |[A-Za-z]+Bench\.[A-Za-z0-9]+:gc.alloc.rate.norm )' "$OUT/jmh.txt" \
  | sed 's/^/  /'

echo "5/5 sustained: $SUSTAIN_REQUESTS requests at concurrency 4, server -Xmx$XMX, RSS after a 30 s warm-up at"
echo "    concurrency 4 (the heap grows to its working size) and at the end"
start_server
BODY=$OUT/photo-1080p.jpg CTYPE=image/jpeg wrk -t2 -c4 -d30s -s server/src/bench/post.lua "$URL/v1/segment" > /dev/null
RSS_WARM=$(( $(ps -o rss= -p "$SERVER") / 1024 ))
RATE=$(field ok_per_s "$RAW4")
SECONDS_NEEDED=$(awk -v n="$SUSTAIN_REQUESTS" -v r="$RATE" 'BEGIN { printf "%d", n / (r > 1 ? r : 1) + 1 }')
SUSTAIN=$(BODY=$OUT/photo-1080p.jpg CTYPE=image/jpeg wrk -t2 -c4 -d"${SECONDS_NEEDED}s" -s server/src/bench/post.lua \
  "$URL/v1/segment" | grep RESULT)
RSS_END=$(( $(ps -o rss= -p "$SERVER") / 1024 ))
echo "  $SUSTAIN"
stop_server
kill $SAMPLER 2>/dev/null || true

LOAD_MAX=$(sort -n "$OUT/load.txt" | tail -1)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
IPB=$(awk -v a="$(field rps "$IP2A")" -v b="$(field rps "$IP2B")" 'BEGIN { printf "%.1f", (a + b) / 2 }')
cat <<EOF

| figure | value | target |
|---|---|---|
| raw /v1/segment, concurrency 1: p50 / p99 ms | $(field p50 "$RAW1") / $(field p99 "$RAW1") | <= 20 / <= 35 |
| seed JSON /, concurrency 1: p50 ms (ratio to raw) | $(field p50 "$JSON1") ($(ratio "$(field p50 "$JSON1")" "$(field p50 "$RAW1")")) | within 15% |
| raw /v1/segment, concurrency 4: images/s | $(field ok_per_s "$RAW4") | >= 80 |
| seed JSON /, concurrency 4: images/s (ratio to raw) | $(field ok_per_s "$JSON4") ($(ratio "$(field ok_per_s "$JSON4")" "$(field ok_per_s "$RAW4")")) | within 15% |
| in-process, 2 threads: images/s (before, after) | $(field rps "$IP2A"), $(field rps "$IP2B") | |
| server c4 / in-process 2 threads | $(ratio "$(field ok_per_s "$RAW4")" "$IPB") | >= 0.9 |
| in-process, 1 thread: images/s (bands on all cores; one core) | $(field rps "$IP1"); $(field rps "$IP1CORE") | |
| in-process 2 threads / 1 thread (bands; one core) | $(ratio "$IPB" "$(field rps "$IP1")"); $(ratio "$IPB" "$(field rps "$IP1CORE")") | >= 1.8 |
| raw 4096x3072, concurrency 1: p50 ms | $(field p50 "$BIG1") | <= 100 |
| server RSS MB: started, after 30 s at c4, after $(field requests "$SUSTAIN") more requests at c4 | $RSS_START, $RSS_WARM, $RSS_END ($(awk -v a="$RSS_WARM" -v b="$RSS_END" 'BEGIN { printf "%+.1f%%", 100 * (b - a) / a }')) | < 5% growth |
| errors or non-2xx (c1, c4, sustained) | $(field non2xx_or_errors "$RAW1"), $(field non2xx_or_errors "$RAW4"), $(field non2xx_or_errors "$SUSTAIN") | 0 |
| load average: before, highest during | $LOAD_BEFORE, $LOAD_MAX | < 1.5 before |

JMH (ms/op and bytes allocated per op): $OUT/jmh.txt; server stage sums after the wrk runs:
$STAGES
EOF
