#!/usr/bin/env bash
# Runs the system on SQLite for a person to try: the server and the face-analysis sidecar,
# a demo agent on the roster and a demo session whose links are printed with the integration
# API key. Stays in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
[ -s var/demo-api-key ] || head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' > var/demo-api-key
key=$(cat var/demo-api-key)
port=${PORT:-8080}
ai_port=${AI_PORT:-7007}
base="http://127.0.0.1:$port"
export VKYC_API_KEY="$key" VKYC_LISTEN="127.0.0.1:$port" VKYC_PUBLIC_URL="$base" VKYC_STATIC_DIR=agent-ui/dist
export DATABASE_URL="${DATABASE_URL:-sqlite://var/videokyc.db?mode=rwc}"
export VKYC_AI__SIDECAR="127.0.0.1:$ai_port"
# The sidecar is its own process, so a model crash or stall never drops a call.
target/debug/media-ai serve --listen "127.0.0.1:$ai_port" > var/media-ai.log 2>&1 &
sidecar=$!
target/debug/signaling > var/server.log 2>&1 &
server=$!
trap 'kill $server $sidecar 2>/dev/null; wait $server $sidecar 2>/dev/null' EXIT INT TERM
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/readyz" >/dev/null || { echo "server did not start; see var/server.log"; exit 1; }
auth=(-H "authorization: Bearer $key" -H 'content-type: application/json')
sid=$(curl -sf "${auth[@]}" -d '{"external_ref":"demo"}' "$base/api/v1/sessions" | sed -E 's/.*"id":"([^"]+)".*/\1/')
link() { curl -sf "${auth[@]}" -d "{\"role\":\"$1\"}" "$base/api/v1/sessions/$sid/links" | sed -E 's/.*"url":"([^"]+)".*/\1/'; }
# A demo agent on the roster (every day 07:00-21:00 Berlin time), so slots can be booked.
shifts=$(for d in Mon Tue Wed Thu Fri Sat Sun; do printf '{"weekday":"%s","start":"07:00","end":"21:00"},' "$d"; done)
agent_json="{\"tz\":\"Europe/Berlin\",\"skills\":[\"lang:de\",\"lang:en\",\"doc:id_card\",\"doc:passport\"],\"shifts\":[${shifts%,}]}"
curl -sf -X PUT "${auth[@]}" -d "$agent_json" "$base/api/v1/agents/demo-agent" >/dev/null || echo "(could not register the demo agent)"
cat <<MSG

  Video identification server on $base (database: $DATABASE_URL; log: var/server.log)
  Face-analysis sidecar on 127.0.0.1:$ai_port (log: var/media-ai.log); recordings in var/recordings/

  Integration API key (Authorization: Bearer ...): $key
  API description:  $base/api/openapi.json
  Demo session $sid
    customer link:  $(link customer)
    agent link:     $(link agent)
  Demo agent on the roster: demo-agent (de/en, ID card/passport, daily 07:00-21:00 Berlin);
    free slots: $base/api/v1/slots?tz=Europe/Berlin&language=de

  Staff accounts (password + TOTP) and the supervisor console are not built yet: agents join
  through links issued by the API. Open the two links in two browser windows; the agent page
  shows face match, liveness and the head-movement challenge once an ID photo is uploaded:
    curl -X PUT -H "authorization: Bearer $key" -H 'content-type: image/jpeg' \\
         --data-binary @id-photo.jpg $base/api/v1/sessions/$sid/reference-photo
  Ctrl-C stops.

MSG
wait $server
