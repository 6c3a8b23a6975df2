#!/usr/bin/env bash
# Benchmark of POST /trigger through the local stack; rewrites the invitations section of docs/benchmarks.md.
# Prints invitations/s (with ElasticMQ, with a JFR profile, and with a no-op queue), bulk-100 against one
# invitation, and the fresh-JVM cold path as a ratio to a hello-world JVM, with the classes it loads.
# The AOT cache needs a class path of jars only, hence the module jars. The cold runs get the API function's own
# class path (the api module's jar and runtime dependencies, as in api-lambda.zip) and the local stack's jar.
# About four minutes on a 2-core machine.
# Needs only a JDK 25 (./mvnw finds it).
set -euo pipefail
cd "$(dirname "$0")/.."

java_home="$(./mvnw -v | sed -n 's/^Java version: .*, runtime: //p')"
./mvnw -q -B -pl local -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-classpath -DincludeScope=runtime

BENCHMARK_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs/benchmarks.md' || echo '+changes')" \
  "$java_home/bin/java" --sun-misc-unsafe-memory-access=allow \
  -cp "local/target/local-stack-1.0.0-SNAPSHOT.jar:$(cat local/target/runtime-classpath)" \
  -Dinvitations.apiClassPath="local/target/local-stack-1.0.0-SNAPSHOT.jar:lambda/api/target/api-lambda-1.0.0-SNAPSHOT.jar:$(cat lambda/api/target/runtime-classpath)" \
  uk.clubreg.local.benchmark.InvitationBenchmark docs/benchmarks.md
