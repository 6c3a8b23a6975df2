#!/usr/bin/env bash
# Starts the whole system locally (see README): builds what it needs with ./mvnw, then runs uk.clubreg.local.LocalStack.
# Needs only a JDK 25 (./mvnw finds it). Settings come from the environment, e.g. PORT=9090 ./run-local.sh
set -euo pipefail
cd "$(dirname "$0")"

java_home="$(./mvnw -v | sed -n 's/^Java version: .*, runtime: //p')"
./mvnw -q -B -pl local -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-classpath -DincludeScope=runtime

exec "$java_home/bin/java" --sun-misc-unsafe-memory-access=allow \
  -cp "local/target/classes:$(cat local/target/runtime-classpath)" uk.clubreg.local.LocalStack
