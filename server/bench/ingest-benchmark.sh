#!/usr/bin/env bash
# Runs the ingest load benchmark (IngestBenchmark, a main in the test sources): a no-op Vert.x endpoint and the real
# webhook endpoint with durable commit, side by side in one run. Arguments are passed on:
#   connections warm-up-seconds measured-seconds event-loops [workers|no-workers] [POWER_LOSS|PROCESS_CRASH]
# Run from the repository root: server/bench/ingest-benchmark.sh 64 5 15 2
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile -pl server -am
cp_file=$(mktemp)
mvn -B -q -o dependency:build-classpath -pl server -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
# The project's own modules come from this checkout, not from the local Maven repository.
deps=$(tr ':' '\n' < "$cp_file" | grep -v '/io/oncesync/' | paste -sd: -)
rm -f "$cp_file"
own=server/target/test-classes:server/target/classes:engine/target/classes:rules/target/classes:fixtures/local-org/target/classes
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$own:$deps" io.oncesync.server.ingest.IngestBenchmark "$@"
