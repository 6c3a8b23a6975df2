#!/usr/bin/env bash
# Warm acknowledgement latency of POST /webhook on loopback. Prints p50/p90/p99 and writes the
# <!-- webhook --> section of docs/benchmarks.md. Usage: testing/benchmark-webhook.sh [warm-up] [measured]
set -euo pipefail
cd "$(dirname "$0")/.."
WARM_UP="${1:-3000}"
MEASURED="${2:-2000}"
./mvnw -q -B -pl lambda/api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
CLASSPATH="lambda/api/target/test-classes:lambda/api/target/classes:$(cat lambda/api/target/test-classpath.txt)"
# The same JDK 25+ that ./mvnw looks for: JAVA_HOME when it is one, else one under /usr/lib/jvm.
JAVA=""
for candidate in "${JAVA_HOME:-/nonexistent}" /usr/lib/jvm/*25* /usr/lib/jvm/*26*; do
  if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
    JAVA="$candidate/bin/java"; break
  fi
done
[ -n "$JAVA" ] || { echo "benchmark-webhook.sh: no JDK 25+ found (set JAVA_HOME)" >&2; exit 1; }
# The JSON log lines (INFO, as in Lambda) are formatted and written to stdout, which goes to /dev/null: Lambda's
# stdout is a pipe, and a log file on this shared disk adds write stalls to the tail. Figures go to stderr.
"$JAVA" --sun-misc-unsafe-memory-access=allow -cp "$CLASSPATH" uk.clubreg.api.WebhookBenchmark \
  "$WARM_UP" "$MEASURED" docs/benchmarks.md > /dev/null
