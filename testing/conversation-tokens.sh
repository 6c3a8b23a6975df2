#!/usr/bin/env bash
# Tokens used by a scripted AI conversation that completes one registration (five parent messages, eleven
# Responses API requests, the OpenAI side played by WireMock). Prints the figures and rewrites the
# <!-- tokens:start --> ... <!-- tokens:end --> section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl lambda/core,lambda/worker test \
  -Dtest='OpenAiConversationTest#theAiCompletesARegistrationOverSeveralTurnsAndToolRounds' \
  -Dsurefire.failIfNoSpecifiedTests=false
figures=$(cat lambda/worker/target/transcripts/ai-stub-tokens.txt)
echo "$figures"
value() { echo "$figures" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
requests=$(value requests); scripted_in=$(value scripted_input); scripted_out=$(value scripted_output)
estimated_in=$(value estimated_input); instructions=$(value instructions_chars_first_request); tools=$(value tools_chars)
section=$(cat <<MD
<!-- tokens:start -->
## Tokens for one AI registration

\`testing/conversation-tokens.sh\` ($(date -u +%Y-%m-%d)): a scripted conversation that completes one registration
(one child, five parent messages, ${requests} Responses API requests including the tool rounds). The OpenAI side is
WireMock, so the usage figures it returns are **scripted, not measured**; the estimate counts what the client really
sent (instructions + tool schemas per request, and the conversation items OpenAI re-reads on every request) at
~4 characters per token.

| Figure | Tokens |
|---|---|
| Input, scripted usage (stored on the message rows, shown by /registrations) | ${scripted_in} |
| Output, scripted usage | ${scripted_out} |
| Input, estimated from the requests actually sent | ~${estimated_in} |
| Instructions per request (first request: ${instructions} chars) | ~$((instructions / 4)) |
| Tool schemas per request (${tools} chars) | ~$((tools / 4)) |

A real model adds reasoning tokens to the output (reasoning effort "low" keeps them small); OpenAI may also cache
the repeated instructions/tools prefix, billing it at the cached rate. Siblings in one conversation share these
tokens (see docs/decisions/0045-token-attribution.md).
<!-- tokens:end -->
MD
)
file=docs/benchmarks.md
[ -f "$file" ] || printf '# Benchmarks\n\n' > "$file"
if grep -q '<!-- tokens:start -->' "$file"; then
  python3 - "$file" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r'<!-- tokens:start -->.*?<!-- tokens:end -->', lambda m: section, text, flags=re.S)
open(path, 'w').write(text)
PY
else
  printf '%s\n' "$section" >> "$file"
fi
