#!/usr/bin/env bash
# Runs the system on SQLite for a person to try: the server and the face-analysis sidecar,
# one demo staff account per role, a demo integrator key with every scope, a demo agent on the
# roster and a demo session waiting in the live queue. Idempotent: a second run reuses what the
# first made. Stays in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
umask 077
port=${PORT:-8080}
ai_port=${AI_PORT:-7007}
base="http://127.0.0.1:$port"
bin=target/debug/signaling
export VKYC_LISTEN="127.0.0.1:$port" VKYC_PUBLIC_URL="$base" VKYC_STATIC_DIR=agent-ui/dist
export DATABASE_URL="${DATABASE_URL:-sqlite://var/videokyc.db?mode=rwc}"
export VKYC_KEYS__MASTER_KEY_FILE=var/master.key
# The sidecar processes nothing before this shared secret; it stays on this machine.
[ -s var/media-ai.secret ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > var/media-ai.secret
export VKYC_AI__SIDECAR="127.0.0.1:$ai_port" VKYC_AI__SECRET="$(cat var/media-ai.secret)"
[ -s var/demo-password ] || echo "demo $(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" > var/demo-password
password=$(cat var/demo-password)

# Demo staff, one per role (created once; the authenticator secret stays in the database).
for role in agent supervisor admin auditor; do
  printf '%s' "$password" | "$bin" admin create-user --id "demo-$role" --name "Demo ${role^}" --roles "$role" --password-stdin >/dev/null 2>&1 || true
done

# The sidecar is its own process, so a model crash or stall never drops a call.
MEDIA_AI_SECRET="$VKYC_AI__SECRET" target/debug/media-ai serve --listen "127.0.0.1:$ai_port" > var/media-ai.log 2>&1 &
sidecar=$!
"$bin" > var/server.log 2>&1 &
server=$!
trap 'kill $server $sidecar 2>/dev/null; wait $server $sidecar 2>/dev/null' EXIT INT TERM
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/readyz" >/dev/null || { echo "server did not start; see var/server.log"; exit 1; }

# The demo integrator key: shown once at creation, so it is kept in var/ for the next run.
key=$(cat var/demo-api-key 2>/dev/null || true)
if [ -z "$key" ] || [ "$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $key" "$base/api/v1/agents")" != 200 ]; then
  key=$("$bin" admin create-api-key --name demo --scopes all)
  printf '%s' "$key" > var/demo-api-key
fi
auth=(-H "authorization: Bearer $key" -H 'content-type: application/json')
# The demo agent on the roster (every day 07:00-21:00 Berlin time), so slots can be booked.
shifts=$(for d in Mon Tue Wed Thu Fri Sat Sun; do printf '{"weekday":"%s","start":"07:00","end":"21:00"},' "$d"; done)
agent_json="{\"tz\":\"Europe/Berlin\",\"skills\":[\"lang:de\",\"lang:en\",\"doc:id_card\",\"doc:passport\"],\"shifts\":[${shifts%,}]}"
curl -sf -X PUT "${auth[@]}" -d "$agent_json" "$base/api/v1/agents/demo-agent" >/dev/null || echo "(could not register the demo agent)"
# A demo session: its customer link, and the session waiting in the live queue for an agent.
sid=$(curl -sf "${auth[@]}" -d '{"external_ref":"demo"}' "$base/api/v1/sessions" | sed -E 's/.*"id":"([^"]+)".*/\1/')
customer=$(curl -sf "${auth[@]}" -d '{"role":"customer"}' "$base/api/v1/sessions/$sid/links" | sed -E 's/.*"url":"([^"]+)".*/\1/')
curl -sf "${auth[@]}" -d "{\"session_id\":\"$sid\"}" "$base/api/v1/queue" >/dev/null || true
code() { "$bin" admin totp-code --id "$1" 2>/dev/null || echo "?"; }
cat <<MSG

  Video identification server on $base (database: $DATABASE_URL; log: var/server.log)
  Face-analysis sidecar on 127.0.0.1:$ai_port (log: var/media-ai.log); recordings in var/recordings/

  Integrator API key: $key
  API description:    $base/api/openapi.json

  Staff sign-in: $base/staff/   (password for every demo account: $password)
    demo-agent, demo-supervisor, demo-admin, demo-auditor
    The authenticator code (TOTP) is required; the current one of an account is printed by
      $bin admin totp-code --id demo-agent
    (right now: demo-agent $(code demo-agent), demo-supervisor $(code demo-supervisor), demo-admin $(code demo-admin), demo-auditor $(code demo-auditor))
    demo-admin invites more staff (each gets a one-time activation link) and manages API keys;
    demo-auditor reads and verifies the audit log. See docs/admin.md.

  Demo session $sid is waiting in the live queue.
    customer link:  $customer
    The demo agent takes it after signing in and going available; then the agent's call page is
    $base/agent/#s=$sid
  Ctrl-C stops.

MSG
wait $server
