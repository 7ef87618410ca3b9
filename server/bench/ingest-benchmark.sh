#!/usr/bin/env bash
# Runs the ingest load benchmark (IngestBenchmark, a main in the test sources): a no-op Vert.x endpoint and the real
# webhook endpoint with durable commit, side by side in one run. Arguments are passed on:
#   connections warm-up-seconds measured-seconds event-loops [workers|no-workers] [POWER_LOSS|PROCESS_CRASH]
# Run from the repository root: server/bench/ingest-benchmark.sh 64 5 15 2
exec "$(dirname "$0")/run-test-main.sh" io.oncesync.server.ingest.IngestBenchmark "$@"
