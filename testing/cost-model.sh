#!/usr/bin/env bash
# The monthly cost at 200 and 20,000 registrations a season (docs/operations.md), from the stack as synthesized
# now and the tokens testing/conversation-tokens.sh measured. Extra arguments are CDK context, e.g. -c stage=prod.
# Exits non-zero when the $5 target at 200 registrations is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/cost-model
echo "== building the Lambda packages (the stack's assets)"
./mvnw -q -B -DskipTests package
echo "== synthesizing the stack into $out"
rm -rf "$out"
context=$(jq -c '.context' cdk.json)
while [ $# -gt 1 ] && [ "$1" = "-c" ]; do
  context=$(jq -c --arg kv "$2" '. + {($kv | split("=")[0]): ($kv | split("=")[1:] | join("="))}' <<<"$context")
  shift 2
done
CDK_OUTDIR="$out" CDK_CONTEXT_JSON="$context" ./mvnw -q -B -pl infra compile exec:java
template=$(ls "$out"/*.template.json | head -1)
echo "== costing $template"
python3 testing/cost_model.py "$template" docs/benchmarks.md docs/operations.md
