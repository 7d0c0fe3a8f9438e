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
  if command -v pip3 >/dev/null; then PIP=(pip3)
  elif command -v pip >/dev/null; then PIP=(pip)
  elif command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then PIP=(python3 -m pip)
  else
    echo "onnxruntime: pip not found; install python3-pip, or put the wheel into $WHEEL_DIR" >&2
    exit 1
  fi
  # Ask for the cp311 manylinux wheel explicitly, whatever the local Python is:
  # the .so inside is the same for every Python tag.
  "${PIP[@]}" download --no-deps --only-binary=:all: --python-version 3.11 \
    --platform manylinux_2_28_x86_64 --dest "$WHEEL_DIR" "onnxruntime==$ORT_VERSION"
  WHEEL="$(find_wheel "$WHEEL_DIR")"
fi
if [[ -z "$WHEEL" ]]; then
  echo "onnxruntime: wheel download failed" >&2
  exit 1
fi

# A wheel is a zip: extract with python3 if present, else unzip.
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
MEMBER="onnxruntime/capi/libonnxruntime.so.$ORT_VERSION"
if command -v python3 >/dev/null; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' "$WHEEL" "$MEMBER" "$TMP"
elif command -v unzip >/dev/null; then
  unzip -q "$WHEEL" "$MEMBER" -d "$TMP"
else
  echo "onnxruntime: need python3 or unzip to extract $WHEEL" >&2
  exit 1
fi
mv "$TMP/onnxruntime/capi/libonnxruntime.so.$ORT_VERSION" "$DEST.tmp"
mv "$DEST.tmp" "$DEST"
echo "onnxruntime: installed $DEST"
