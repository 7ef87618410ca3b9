#!/usr/bin/env bash
# Compiles the modules (offline) and runs a main class of the server's test sources with the test classpath:
#   server/bench/run-test-main.sh io.oncesync.server.app.SyncBurstBenchmark [arguments…]
# Used by the benchmark scripts next to it; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
main=$1
shift
mvn -B -q -o test-compile -pl server -am
cp_file=$(mktemp)
mvn -B -q -o dependency:build-classpath -pl server -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
# The project's own modules come from this checkout, not from the local Maven repository.
deps=$(tr ':' '\n' < "$cp_file" | grep -v '/io/oncesync/' | paste -sd: -)
rm -f "$cp_file"
own=server/target/test-classes:server/target/classes:engine/target/classes:rules/target/classes:fixtures/local-org/target/classes
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$own:$deps" "$main" "$@"
