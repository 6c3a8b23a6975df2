#!/usr/bin/env bash
# How fast a parent hears back (guided mode, signed webhooks through the local stack) and the worker's time per AI
# turn with zero-latency stubs; rewrites the <!-- replies --> section of docs/benchmarks.md. About two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
java_home="$(./mvnw -v | sed -n 's/^Java version: .*, runtime: //p')"
./mvnw -q -B -pl local -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-classpath -DincludeScope=runtime
BENCHMARK_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs/benchmarks.md' || echo '+changes')" \
  "$java_home/bin/java" --sun-misc-unsafe-memory-access=allow \
  -cp "local/target/local-stack-1.0.0-SNAPSHOT.jar:$(cat local/target/runtime-classpath)" \
  uk.clubreg.local.benchmark.ReplyBenchmark docs/benchmarks.md > target/benchmark-replies.log
grep -E '^(Guided|AI turn|Wrote)' target/benchmark-replies.log
