#!/usr/bin/env bash
# Checks an AWS account before `cdk deploy` (docs/deploy.md, section 5, "Preflight"): Lambda concurrency, the CDK
# bootstrap, the stage's secrets and parameters, the Twilio template SIDs. Reads only; prints no secret value.
#   infra/preflight.sh [--club urmston] [--stage dev|prod]
# Exit 0: ready; 1: a check failed; 2: AWS cannot be reached (no credentials, region or network) or bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -q -B -pl infra compile exec:java -Dexec.mainClass=uk.clubreg.infra.Preflight -Dexec.args="$*"
