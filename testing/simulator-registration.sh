#!/usr/bin/env bash
# Completes one registration through a running local stack (./run-local.sh) and its WhatsApp simulator, the way a
# person would on /simulator: POST /trigger, then answer each WhatsApp message via /simulator/send (signed Twilio
# posts to /webhook), then GET /registrations. Prints the transcript. With no OPENAI_API_KEY the guided mode answers.
#   BASE=http://localhost:8080 API_KEY=local-dev-key testing/simulator-registration.sh
set -euo pipefail
BASE=${BASE:-http://localhost:8080}
API_KEY=${API_KEY:-local-dev-key}
PHONE=${PHONE:-+447700900777}
TEAM=${TEAM:-U11 Simulated}
SEASON=${SEASON:-2026-27}
ANSWERS=("Yes" "No" "14/03/2016" "none" "Jo Taylor" "07700 900778" "Yes" "M")

outbound_count() {
  curl -fsS "$BASE/simulator/messages?phone=$(jq -rn --arg p "$PHONE" '$p|@uri')" \
    | jq '[.messages[] | select(.direction == "outbound")] | length'
}
last_outbound() {
  curl -fsS "$BASE/simulator/messages?phone=$(jq -rn --arg p "$PHONE" '$p|@uri')" \
    | jq -r '[.messages[] | select(.direction == "outbound")] | last
             | .body + (if (.buttons // []) | length > 0 then "\n  [" + (.buttons | join("] [")) + "]" else "" end)'
}
wait_for_more_than() {
  for _ in $(seq 1 60); do
    [ "$(outbound_count)" -gt "$1" ] && return 0
    sleep 1
  done
  echo "No reply within 60 s" >&2
  exit 1
}

before=$(outbound_count)
curl -fsS -X POST "$BASE/trigger" -H "x-api-key: $API_KEY" -H 'Content-Type: application/json' -d "$(jq -n \
  --arg tel "$PHONE" --arg team "$TEAM" --arg season "$SEASON" '{player_first_name: "Sam", player_last_name: "Taylor",
  parent_tel: $tel, parent_first_name: "Alex", parent_last_name: "Taylor", team_name: $team, age_group: "U11",
  team_manager_1_full_name: "Jo Manager", team_manager_1_tel: "07700 900456", current_registration_season: $season}')" \
  > /dev/null
wait_for_more_than "$before"
echo "Club:   $(last_outbound)"
for answer in "${ANSWERS[@]}"; do
  before=$(outbound_count)
  echo "Parent: $answer"
  curl -fsS -X POST "$BASE/simulator/send" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg p "$PHONE" --arg b "$answer" '{phone: $p, body: $b, button: ($b == "Yes" or $b == "No")}')" > /dev/null
  wait_for_more_than "$before"
  echo "Club:   $(last_outbound)"
done
echo
curl -fsS "$BASE/registrations?team_name=$(jq -rn --arg t "$TEAM" '$t|@uri')&season=$SEASON" -H "x-api-key: $API_KEY" | jq .
