#!/usr/bin/env bash
# Builds and installs the modules (offline; the sibling modules must be in the local repository for the classpath) and runs a main class of the server's test sources with the test classpath:
#   server/bench/run-test-main.sh io.oncesync.server.app.SyncBurstBenchmark [arguments…]
# Used by the benchmark scripts next to it; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
main=$1
shift
mvn -B -q -o install -DskipTests -pl server -am
cp_file=$(mktemp)
mvn -B -q dependency:build-classpath -pl server -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
# The project's own modules come from this checkout, not from the local Maven repository.
deps=$(tr ':' '\n' < "$cp_file" | grep -v '/io/oncesync/' | paste -sd: -)
rm -f "$cp_file"
own=server/target/test-classes:server/target/classes:engine/target/classes:rules/target/classes:fixtures/local-org/target/classes:fixtures/local-oncehub/target/classes
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$own:$deps" "$main" "$@"
