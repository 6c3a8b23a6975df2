#!/usr/bin/env bash
# The chaos suite (docs/reliability.md): the local stack against a failing Twilio, OpenAI, queue, database and
# worker, with its invariants checked; rewrites the run's section of docs/reliability.md and exits 1 if one broke.
# `full` (the default: 200 parents × 5 messages, several minutes) or `short` (what ChaosSuiteIT runs in verify).
set -euo pipefail
cd "$(dirname "$0")/../.."
scale="${1:-full}"
java_home="$(./mvnw -v | sed -n 's/^Java version: .*, runtime: //p')"
./mvnw -q -B -pl local -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-classpath -DincludeScope=runtime
mkdir -p target
status=0
BENCHMARK_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs/reliability.md' || echo '+changes')" \
  "$java_home/bin/java" --sun-misc-unsafe-memory-access=allow \
  -cp "local/target/local-stack-1.0.0-SNAPSHOT.jar:$(cat local/target/runtime-classpath)" \
  uk.clubreg.local.chaos.ChaosRun "$scale" docs/reliability.md > "target/chaos-$scale.log" || status=$?
grep -vE '^\{' "target/chaos-$scale.log"
exit "$status"
