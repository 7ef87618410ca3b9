#!/usr/bin/env bash
# Runs the end-to-end sync benchmark (SyncBurstBenchmark, a main in the test sources): oncesync started as `serve`
# starts it, against a local org answering every call after the injected latency; a single new-guest booking at idle,
# then a burst. Arguments are passed on:
#   latencies-ms (comma-separated, default 0,50,150,300) bookings (2000) guests (500) connections (16)
# ONCESYNC_* variables of the environment are passed to the server (e.g. ONCESYNC_SF_MAX_CONCURRENT_CALLS=8);
# BENCH_PROFILE=1 also prints where the threads spent the burst (sampled stacks).
# Run from the repository root: server/bench/sync-burst.sh 150
exec "$(dirname "$0")/run-test-main.sh" io.oncesync.server.app.SyncBurstBenchmark "$@"
