#!/usr/bin/env bash
# The Python the journey's message tests run (an SMTP server, a webhook receiver, an iCalendar
# parser): a virtualenv at <repo>/.cache/py-tests with requirements.txt from PyPI.
# Idempotent: does nothing when the venv already has these requirements.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
VENV="$REPO/.cache/py-tests"
REQ="$HERE/requirements.txt"
STAMP="$VENV/.requirements"
if [[ -x "$VENV/bin/python" && -f "$STAMP" ]] && cmp -s "$REQ" "$STAMP"; then
  exit 0
fi
# One setup at a time (tests run in parallel).
mkdir -p "$REPO/.cache"
exec 9>"$REPO/.cache/py-tests.lock"
flock 9
if [[ -x "$VENV/bin/python" && -f "$STAMP" ]] && cmp -s "$REQ" "$STAMP"; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQ"
cp "$REQ" "$STAMP"
echo "py-tests: $VENV ready"
