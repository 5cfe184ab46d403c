#!/usr/bin/env bash
# Device check for GPU serving (issue 17): on a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9, runs selfie (and
# isnet when installed in MODELS_DIR) over ../shared/evaldata on the CPU and on CUDA with the GPU build, and prints
# ms/image one at a time, images/s with CALLERS concurrent callers, and the largest mask difference between the
# two providers (must be <= 1 grey level, or explained). Without a usable GPU the CUDA rows fail with one line.
# Run from the repository root:
#   MODELS_DIR=models CALLERS=4 bash server/src/bench/gpu-check.sh
set -euo pipefail
MODELS_DIR=${MODELS_DIR:-models}
CALLERS=${CALLERS:-4}
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi: no GPU visible"
# The server jar of the GPU build carries everything the check needs; the check itself is a test class.
./mvnw -B -ntp -q -Pgpu -pl server -am package -DskipTests
./mvnw -B -ntp -q -Pgpu -pl server -am test-compile -DskipTests
java -cp server/target/humanseg.jar:server/target/test-classes \
  io.humanseg.server.bench.GpuCheck ../shared/evaldata "$MODELS_DIR" "$CALLERS"
