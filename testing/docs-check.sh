#!/usr/bin/env bash
# Runs what docs/deploy.md tells ops to run that works offline, taken from the guide itself (the fenced block after
# each `<!-- docs-check: NAME -->`), so the guide stays true:
#   tools      npm ci and the pinned CDK CLI
#   synth      the build and `cdk synth` of each stage (dev, prod); an unknown stage must fail
#   smoke      the smoke test's calls against the local stack (DeployGuideSmokeIT runs the block with bash and curl)
#   preflight  with no AWS credentials it must stop with its message and exit 2
# No AWS account, no credentials. Prints a line per step; exits non-zero at the first failure, showing its log.
set -euo pipefail
cd "$(dirname "$0")/.."

GUIDE=docs/deploy.md
CLUB=urmston
logs=$(mktemp -d)
step=0
steps=6

block() {  # the fenced block after the marker NAME
  awk -v marker="<!-- docs-check: $1 -->" '
    $0 == marker { armed = 1; next }
    armed && !inside && /^```/ { inside = 1; next }
    inside && /^```/ { found = 1; exit }
    inside { print }
    END { if (!found) exit 1 }' "$GUIDE" || { echo "docs-check: no block marked '$1' in $GUIDE" >&2; exit 1; }
}

run() {  # run DESCRIPTION COMMAND...: one progress line, the command's output in a log shown on failure
  local what=$1 log
  shift
  step=$((step + 1))
  log="$logs/$step.log"
  printf 'docs-check [%d/%d] %s ... ' "$step" "$steps" "$what"
  local started=$SECONDS
  if "$@" >"$log" 2>&1; then
    echo "ok ($((SECONDS - started)) s)"
  else
    echo "FAILED ($((SECONDS - started)) s); the last lines of $log:"
    tail -n 40 "$log"
    exit 1
  fi
}

tools() { bash -euo pipefail -c "$(block tools)"; }

synth() {  # synth STAGE: the guide's block, then the template it says it writes
  local template="cdk.out/ClubRegistration-$CLUB-$1.template.json"
  rm -f "$template"
  CLUB=$CLUB STAGE=$1 bash -euo pipefail -c "$(block synth)"
  test -s "$template" || { echo "no $template"; return 1; }
  echo "wrote $template"
}

unknown_stage() {  # the guide says an unknown stage stops the synth
  if npx cdk synth --no-notices -c stage=staging >"$logs/unknown-stage.out" 2>&1; then
    echo "cdk synth -c stage=staging succeeded"; return 1
  fi
  grep "Unknown stage 'staging'" "$logs/unknown-stage.out"
}

smoke() {
  ./mvnw -B -q verify -pl local -am -Dit.test=DeployGuideSmokeIT -Dtest=NoSuchTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
}

preflight_offline() {  # no credentials, no profile, no instance metadata: it must stop and say why
  local status=0
  env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_PROFILE \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
    AWS_REGION=eu-west-2 CLUB=$CLUB STAGE=prod bash -uo pipefail -c "$(block preflight)" || status=$?
  test "$status" -eq 2 || { echo "expected exit 2, got $status"; return 1; }
}

run "tools: npm ci, npx cdk --version" tools
run "synth: stage dev" synth dev
run "synth: stage prod" synth prod
run "synth: an unknown stage is refused" unknown_stage
run "smoke test against the local stack" smoke
run "preflight stops without AWS (exit 2)" preflight_offline
grep -h "AWS cannot be reached" "$logs/$step.log"
echo "docs-check: all $steps steps passed"
