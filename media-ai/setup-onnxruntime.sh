#!/usr/bin/env bash
# Fetch the ONNX Runtime shared library that media-ai loads at run time (ort "load-dynamic").
# Idempotent: does nothing when <repo>/.cache/onnxruntime/libonnxruntime.so already exists.
# Source: the official PyPI wheel onnxruntime==1.31.1 (MIT, Microsoft), fetched with pip.
set -euo pipefail

ORT_VERSION="1.31.1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
DEST_DIR="$REPO/.cache/onnxruntime"
DEST="$DEST_DIR/libonnxruntime.so"
WHEEL_DIR="${ORT_WHEEL_DIR:-$REPO/.cache/onnxruntime/wheel}"

if [[ -s "$DEST" ]]; then
  echo "onnxruntime: $DEST already present"
  exit 0
fi
mkdir -p "$DEST_DIR" "$WHEEL_DIR"

find_wheel() {
  ls "$1"/onnxruntime-"$ORT_VERSION"-*manylinux*x86_64.whl 2>/dev/null | head -n1 || true
}

WHEEL="$(find_wheel "$WHEEL_DIR")"
# A wheel already downloaded on this machine (e.g. by a previous setup) saves a 17 MB download.
[[ -z "$WHEEL" && -d /tmp/ortwheel ]] && WHEEL="$(find_wheel /tmp/ortwheel)"
if [[ -z "$WHEEL" ]]; then
  PIP="$(command -v pip3 || command -v pip || true)"
  if [[ -z "$PIP" ]]; then
    echo "onnxruntime: pip not found; install Python 3 + pip, or put the wheel into $WHEEL_DIR" >&2
    exit 1
  fi
  # The wheel's ABI tag must match a Python version pip knows, so ask for cp311 explicitly:
  # the .so inside is the same for every Python tag.
  "$PIP" download --no-deps --only-binary=:all: --python-version 3.11 \
    --platform manylinux_2_28_x86_64 --dest "$WHEEL_DIR" "onnxruntime==$ORT_VERSION"
  WHEEL="$(find_wheel "$WHEEL_DIR")"
fi
if [[ -z "$WHEEL" ]]; then
  echo "onnxruntime: wheel download failed" >&2
  exit 1
fi

# A wheel is a zip; python is always there when pip is, unzip may not be.
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
python3 - "$WHEEL" "$TMP" "$ORT_VERSION" <<'PY'
import sys, zipfile
wheel, out, ver = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    z.extract(f"onnxruntime/capi/libonnxruntime.so.{ver}", out)
PY
mv "$TMP/onnxruntime/capi/libonnxruntime.so.$ORT_VERSION" "$DEST.tmp"
mv "$DEST.tmp" "$DEST"
echo "onnxruntime: installed $DEST"
