#!/usr/bin/env bash
# MRZ reading benchmark: media-ai document (1 and 2 ORT threads) and PassportEye 2.2.2 on the same
# 40 images of tests/fixtures/documents, in the same run. Prints the markdown rows for BENCHMARKS.md.
# Needs: Debian tesseract-ocr (installed here if missing) and PyPI passporteye (into a venv in .cache/).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="$REPO/.cache/bench-mrz-venv"
DOCS="$REPO/tests/fixtures/documents"

if ! command -v tesseract >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tesseract-ocr >/dev/null
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "passporteye==2.2.2"
fi
"$REPO/media-ai/setup-onnxruntime.sh" >/dev/null

echo "| reader | mean ms/image | median ms/image | fully right | per category |"
echo "|---|---|---|---|---|"
(cd "$REPO" && cargo bench -q -p media-ai --bench document 2>/dev/null)
(cd "$HERE" && "$VENV/bin/python" passporteye_bench.py "$DOCS")
