#!/usr/bin/env bash
# Property-based check that the OpenAPI document tells the truth: schemathesis generates
# requests from /api/openapi.json (valid and invalid ones) and checks every answer against the
# document (status codes, content types, schemas, headers, auth, method handling).
#
# Runs against the debug binary `make test` has built (it builds nothing itself), on a fresh
# SQLite database and master key in a temporary directory, with an integrator key that holds
# every scope. Exits non-zero on any failure.
#
# Three runs against one server, each with every check:
#   integrator  every operation, with the integrator key (as `-H "Authorization: Bearer …"`)
#   customer    the operations a customer's link opens, with the link of a queued session
#   staff       the operations staff sign in for, with a staff cookie (admin, supervisor,
#               auditor and agent roles) and the service's Origin; last, because staff
#               administration may change anything (even revoke the integrator key)
#
#   tests/schemathesis/run.sh [extra schemathesis options]
#   ST_AS="integrator customer staff"   the runs to make (default: all three, in this order)
#   ST_MAX_EXAMPLES=N  examples per operation in the fuzzing phase (default 30 for the
#                      integrator run, 25 for the others). The coverage phase, which sends every
#                      boundary value, missing parameter, wrong type and undeclared method of
#                      every operation, does not depend on it.
#   ST_SEED=N          the seed (fixed by default, so a failure reproduces)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin="$root/target/debug/signaling"
[ -x "$bin" ] || { echo "no $bin; build first (cargo build -p signaling)"; exit 1; }

# The pinned schemathesis, in a venv next to this script (reused while the pin and the
# interpreter are unchanged). The interpreter is the system's (apt `python3`, `python3-venv`):
# CPython 3.11.7 and 3.12.1 (as some version managers install) have an `ast.parse` bug that
# hypothesis trips over ("AST constructor recursion depth mismatch").
python=${ST_PYTHON:-/usr/bin/python3}
[ -x "$python" ] || python=python3
venv="$here/.venv"
pin="$(cat "$here/requirements.txt") $("$python" --version 2>&1)"
if ! [ -x "$venv/bin/schemathesis" ] || [ "$(cat "$venv/.pin" 2>/dev/null)" != "$pin" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$pin" > "$venv/.pin"
fi

work=$(mktemp -d)
server=
cleanup() {
    local rc=$?
    if [ -n "$server" ]; then
        # SIGTERM, and a few seconds to stop (the drain limit is longer; nothing here needs it).
        kill "$server" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    if { [ "$rc" != 0 ] || [ -n "${ST_KEEP_LOG:-}" ]; } && [ -f "$work/server.log" ]; then
        cp "$work/server.log" "$root/target/schemathesis-server.log"
        echo "server log: target/schemathesis-server.log"
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/db.sqlite?mode=rwc"
export VKYC_KEYS__MASTER_KEY_FILE="$work/master.key"
export VKYC_LISTEN="127.0.0.1:$port" VKYC_PUBLIC_URL="$base"
export VKYC_RECORDING__DIR="$work/recordings" VKYC_STATIC_DIR="$work/static"
# Every request comes from one address: lift the per-address budgets on public routes so the
# run tests the routes rather than the limiter (429 is documented and checked all the same).
export VKYC_LIMITS__PUBLIC_PER_SECOND=10000 VKYC_LIMITS__PUBLIC_BURST=10000 VKYC_AUTH__LOGIN_PER_MINUTE_PER_IP=100000
# Likewise the staff lockout: random codes sent to `reauth` would lock the signed-in account.
export VKYC_AUTH__LOCKOUT_THRESHOLD=1000000

key=$("$bin" admin create-api-key --name schemathesis --scopes all)
"$bin" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/readyz" >/dev/null || { echo "server did not start:"; cat "$work/server.log"; exit 1; }

# A little world, so requests can name things that exist (an agent on the roster, a booking,
# a queue entry, sessions) as well as things that do not: schemathesis draws path values from
# these half of the time and generates the rest.
api() { curl -sf -H "Authorization: Bearer $key" -H 'content-type: application/json' "$@"; }
field() { "$python" -c 'import json, sys; v = json.load(sys.stdin)
for k in sys.argv[1].split("."): v = v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$1"; }
shifts=$(for d in mon tue wed thu fri sat sun; do printf '{"weekday":"%s","start":"00:00","end":"23:59"},' "$d"; done)
api -X PUT -d "{\"tz\":\"UTC\",\"skills\":[\"lang:de\",\"doc:passport\"],\"shifts\":[${shifts%,}]}" "$base/api/v1/agents/agent-1" >/dev/null
booked_session=$(api -d '{}' "$base/api/v1/sessions" | field id)
slot=$(api "$base/api/v1/slots?language=de" | field 0.start)
booking=$(api -d "{\"start\":\"$slot\",\"tz\":\"Europe/Berlin\",\"session_id\":\"$booked_session\",\"needs\":{\"language\":\"de\"}}" "$base/api/v1/bookings")
token=$(echo "$booking" | field token)
queued_session=$(api -d '{}' "$base/api/v1/sessions" | field id)
entry=$(api -d "{\"session_id\":\"$queued_session\"}" "$base/api/v1/queue" | field entry_id)
# The customer of the queued session.
link=$(api -d '{"role":"customer"}' "$base/api/v1/sessions/$queued_session/links" | field token)
# A staff member with every role (and a roster entry, for the agent console), signed in.
password=$(head -c 18 /dev/urandom | base64)
printf '%s' "$password" | "$bin" admin create-user --id st-staff --name 'Schemathesis' --roles admin,supervisor,auditor,agent --password-stdin >/dev/null
api -X PUT -d '{"tz":"UTC","skills":["lang:de"]}' "$base/api/v1/agents/st-staff" >/dev/null
code=$("$bin" admin totp-code --id st-staff)
cookie=$(curl -sf -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"st-staff\",\"password\":\"$password\",\"code\":\"$code\"}" "$base/api/v1/auth/login" |
    sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)
[ -n "$cookie" ] || { echo "staff sign-in failed"; exit 1; }

# The configuration of one run: the world's values, the scheme the run authenticates with
# (so schemathesis sends it where the document asks for it, and leaves it out to check that
# it is needed).
config() {
    local sessions="\"$booked_session\", \"$queued_session\""
    [ "$1" = customer ] && sessions="\"$queued_session\""
    cat <<TOML
[dictionaries.sessions]
values = [$sessions]
[dictionaries.tokens]
values = ["$token"]
[dictionaries.entries]
values = ["$entry"]
[dictionaries.agents]
values = ["agent-1"]

[parameters]
"path.id" = { dictionary = "sessions", probability = 0.5 }
"path.session" = { dictionary = "sessions", probability = 0.5 }
"path.token" = { dictionary = "tokens", probability = 0.5 }
"path.entry" = { dictionary = "entries", probability = 0.5 }
"path.agent_id" = { dictionary = "agents", probability = 0.5 }
TOML
    case "$1" in
        customer) printf '\n[auth.openapi.customer_link]\nbearer = "%s"\n' "$link" ;;
        staff) printf '\n[auth.openapi.staff_session]\napi_key = "%s"\n' "${cookie#*=}" ;;
    esac
}

# The operations (as an operation-id regex) whose security names `scheme`; `which` picks
# `manage_staff` (admin) or everything else (rest), and signing out is always left out: it
# would end the session the run uses (tests/auth.rs covers it).
ops() { curl -sf "$base/api/openapi.json" | "$python" -c 'import json, sys
scheme, which = sys.argv[1], sys.argv[2]
d = json.load(sys.stdin)
ids = [op["operationId"] for item in d["paths"].values() for op in item.values()
       if any(scheme in s for s in op.get("security", [])) and op["x-action"] != "sign_out"
       and which in ("all", "admin" if op["x-action"] == "manage_staff" else "rest")]
print("^(" + "|".join(ids) + ")$")' "$1" "$2"; }

status=0
start=$(date +%s)
# From the scratch directory, so schemathesis' and hypothesis' caches stay out of the tree.
cd "$work"
run() {
    local as=$1 examples=$2
    shift 2
    config "$as" > "$work/$as.toml"
    echo "=== schemathesis as $as"
    SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$here" "$venv/bin/schemathesis" --config-file "$work/$as.toml" run "$base/api/openapi.json" \
        --checks all \
        --max-examples "${ST_MAX_EXAMPLES:-$examples}" \
        --seed "${ST_SEED:-20261129}" \
        --workers 2 \
        --no-color \
        "$@" "${extra[@]}" || status=1
}
extra=("$@")
for as in ${ST_AS:-integrator customer staff}; do
    case "$as" in
        integrator)
            run integrator 30 --header "Authorization: Bearer $key" --exclude-operation-id create_identification
            # The integrator's prefilled applicant is checked field by field like the customer's
            # form (libphonenumber, the country list, name and date rules), which JSON Schema
            # cannot say: a schema-valid body with an impossible phone number is refused with
            # 422 `invalid_applicant` and its field errors, as documented. So this one operation
            # runs without the "schema-valid data is accepted" check (every other check stays);
            # the refusal itself is tested in signaling/tests/journey.rs.
            run integrator 30 --header "Authorization: Bearer $key" --include-operation-id create_identification --exclude-checks positive_data_acceptance
            ;;
        customer) run customer 25 --include-operation-id-regex "$(ops customer_link all)" ;;
        staff)
            # Staff administration in a pass of its own, after the rest: it may pick this very
            # account (change its roles, disable it, reset its second factor).
            run staff 25 --header "Origin: $base" --include-operation-id-regex "$(ops staff_session rest)"
            run staff 25 --header "Origin: $base" --include-operation-id-regex "$(ops staff_session admin)"
            ;;
        *) echo "unknown ST_AS run: $as"; exit 2 ;;
    esac
done
echo "schemathesis finished in $(( $(date +%s) - start )) s (exit $status)"
if grep -q '"level":"ERROR"' "$work/server.log"; then
    echo "the server logged errors:"; grep '"level":"ERROR"' "$work/server.log" | head -20
    status=1
fi
exit $status
