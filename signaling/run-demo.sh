#!/usr/bin/env bash
# Runs the server on SQLite for a person to try: creates a demo session, prints its links and
# the integration API key, then stays in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
[ -s var/demo-api-key ] || head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' > var/demo-api-key
key=$(cat var/demo-api-key)
port=${PORT:-8080}
base="http://127.0.0.1:$port"
export VKYC_API_KEY="$key" VKYC_LISTEN="127.0.0.1:$port" VKYC_PUBLIC_URL="$base" VKYC_STATIC_DIR=agent-ui/dist
export DATABASE_URL="${DATABASE_URL:-sqlite://var/videokyc.db?mode=rwc}"
target/debug/signaling > var/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT INT TERM
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/readyz" >/dev/null || { echo "server did not start; see var/server.log"; exit 1; }
auth=(-H "authorization: Bearer $key" -H 'content-type: application/json')
sid=$(curl -sf "${auth[@]}" -d '{"external_ref":"demo"}' "$base/api/v1/sessions" | sed -E 's/.*"id":"([^"]+)".*/\1/')
link() { curl -sf "${auth[@]}" -d "{\"role\":\"$1\"}" "$base/api/v1/sessions/$sid/links" | sed -E 's/.*"url":"([^"]+)".*/\1/'; }
cat <<MSG

  Video identification server on $base (SQLite: $DATABASE_URL; log: var/server.log)

  Integration API key (Authorization: Bearer …): $key
  API description:  $base/api/openapi.json
  Demo session $sid
    customer link:  $(link customer)
    agent link:     $(link agent)

  Staff accounts (password + TOTP) arrive with the agent console; until then agents join
  through links issued by the API. Open the two links in two browser windows. Ctrl-C stops.

MSG
wait $server
