#!/usr/bin/env bash
# Builds the Lambda zips twice from scratch and compares their sha256: the same commit must build byte-identical
# packages (project.build.outputTimestamp in pom.xml), so a deploy of an unchanged function publishes nothing new and
# the migration Trigger runs only when the migration package changes.
set -euo pipefail
cd "$(dirname "$0")/.."

zips() { ls lambda/*/target/*-lambda.zip; }
build() {
  rm -rf lambda/*/target
  ./mvnw -B -q -pl lambda/core,lambda/api,lambda/worker,lambda/migrations package -DskipTests >/dev/null
  sha256sum $(zips)
}

first=$(build)
second=$(build)
echo "$first"
if [ "$first" = "$second" ]; then
  echo "Reproducible: both builds gave the same $(echo "$first" | wc -l) zips."
else
  echo "NOT reproducible:"
  diff <(echo "$first") <(echo "$second") || true
  exit 1
fi
