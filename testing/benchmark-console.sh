#!/usr/bin/env bash
# Server time to render the console's roster of 30 players on the local stack, signed in; rewrites the
# <!-- console --> section of docs/benchmarks.md. About a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
java_home="$(./mvnw -v | sed -n 's/^Java version: .*, runtime: //p')"
./mvnw -q -B -pl local -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-classpath -DincludeScope=runtime
BENCHMARK_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs/benchmarks.md' || echo '+changes')" \
  "$java_home/bin/java" --sun-misc-unsafe-memory-access=allow \
  -cp "local/target/local-stack-1.0.0-SNAPSHOT.jar:$(cat local/target/runtime-classpath)" \
  uk.clubreg.local.benchmark.ConsoleBenchmark docs/benchmarks.md > target/benchmark-console.log
grep -E '^(Console|Wrote)' target/benchmark-console.log
