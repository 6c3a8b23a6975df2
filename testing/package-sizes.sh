#!/usr/bin/env bash
# Measures the three Lambda zips against Lambda's 250 MB unzipped limit, checks that the API package carries
# neither openai-java nor Kotlin, and rewrites the "Package sizes" section of docs/benchmarks.md.
#
#   testing/package-sizes.sh           measure the zips already built (builds them if any is missing)
#   testing/package-sizes.sh --build   rebuild the zips first (./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."

LIMIT_BYTES=262144000 # Lambda: 250 MB unzipped, code and layers together (262,144,000 bytes)
BENCHMARKS=docs/benchmarks.md
START='<!-- package-sizes:start -->'
END='<!-- package-sizes:end -->'
declare -A ZIPS=(
  [api]=lambda/api/target/api-lambda.zip
  [worker]=lambda/worker/target/worker-lambda.zip
  [migrations]=lambda/migrations/target/migrations-lambda.zip
)
ORDER=(api worker migrations)

missing=false
for name in "${ORDER[@]}"; do [[ -f ${ZIPS[$name]} ]] || missing=true; done
if [[ ${1:-} == --build ]] || $missing; then
  ./mvnw -q -B package -DskipTests -pl lambda/api,lambda/worker,lambda/migrations -am
fi

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }
percent() { awk -v b="$1" -v l="$LIMIT_BYTES" 'BEGIN { printf "%.0f%%", 100 * b / l }'; }

failed=false
rows=""
for name in "${ORDER[@]}"; do
  zip=${ZIPS[$name]}
  zipped=$(stat -c %s "$zip")
  unzipped=$(unzip -Zt "$zip" | awk '{ print $3 }')
  jars=$(unzip -Z1 "$zip" | grep -c '^lib/.*\.jar$')
  status=ok
  if ((unzipped > LIMIT_BYTES)); then status="OVER THE LIMIT"; failed=true; fi
  printf '%-11s zipped %7s MB   unzipped %7s MB (%s of 250 MB)   %3d jars   %s\n' \
    "$name" "$(mb "$zipped")" "$(mb "$unzipped")" "$(percent "$unzipped")" "$jars" "$status"
  rows+="| $name | \`$zip\` | $(mb "$zipped") MB | $(mb "$unzipped") MB | $(percent "$unzipped") | $jars |"$'\n'
done

forbidden=$(unzip -Z1 "${ZIPS[api]}" | grep -Ei '^lib/(openai|kotlin)' || true)
if [[ -n $forbidden ]]; then
  echo "FAIL: the API package must not contain openai-java or Kotlin:" >&2
  echo "$forbidden" >&2
  failed=true
else
  echo "api package: no openai-java, no Kotlin jars"
fi
openai_in_worker=$(unzip -Z1 "${ZIPS[worker]}" | grep -Ec '^lib/openai-java' || true)

section="$START
## Package sizes

Measured by \`testing/package-sizes.sh\` on $(date -u +%Y-%m-%d) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown)).
Each function is a zip of \`lib/*.jar\` (no uber-jar). Lambda unpacks the zip but not the jars, so the unzipped size
is the sum of the jars; the limit is 250 MB unzipped (262,144,000 bytes). The 50 MB zipped limit applies only to
direct uploads; \`cdk deploy\` uploads through the CDK assets bucket in S3.

| Package | Zip | Zipped | Unzipped | Of 250 MB | Jars |
|---|---|---|---|---|---|
${rows}
The API package (also the outbox sweeper's) contains neither openai-java nor Kotlin; the worker carries
openai-java ($openai_in_worker openai-java jars) and its Kotlin runtime.
$END"

mkdir -p "$(dirname "$BENCHMARKS")"
[[ -f $BENCHMARKS ]] || printf '# Benchmarks\n\n' >"$BENCHMARKS"
if grep -qF "$START" "$BENCHMARKS"; then
  SECTION="$section" awk -v start="$START" -v end="$END" '
    $0 == start { print ENVIRON["SECTION"]; skipping = 1; next }
    $0 == end { skipping = 0; next }
    !skipping { print }' "$BENCHMARKS" >"$BENCHMARKS.tmp"
  mv "$BENCHMARKS.tmp" "$BENCHMARKS"
else
  printf '%s\n' "$section" >>"$BENCHMARKS"
fi
echo "updated $BENCHMARKS"

if $failed; then exit 1; fi
