# Entry points. `make run` and `make test` each run the idempotent `make setup` first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export CARGO_TERM_COLOR := never

.PHONY: help setup setup-apt setup-node setup-ort setup-py setup-pip build ui run test demo-call demo-record bench-join bench-record bench-mrz bench-archive bench-sfu bench-ws bench-churn fuzz demo-review demo-review-world demo-console demo-onboarding

help:
	@echo "make run        - start the server on SQLite with a demo session (prints links and API key)"
	@echo "make test       - run every test (UI unit tests, Rust unit + integration on SQLite and PostgreSQL, the OpenAPI document against the server, browser e2e)"
	@echo "make setup      - install system packages, npm packages and the ONNX Runtime library"
	@echo "make demo-call  - a two-browser call, headless, with per-direction media figures"
	@echo "make demo-record - a recorded 20-s two-browser call and the discoverer summary of its files"
	@echo "make demo-review - the review walk, headless: a supervisor signs in, finds, plays, confirms under four eyes, exports (screenshots in tests/e2e/screenshots/review/)"
	@echo "make demo-review-world - a recorded, decided call to open in the review pages yourself (prints the sign-ins; Ctrl-C ends)"
	@echo "make demo-console - the agent console walk, headless: sign-in to a stored decision (root: mounts a small tmpfs)"
	@echo "make demo-onboarding - the customer journey on a phone, headless: link to result, and the booking path (screenshots in tests/e2e/screenshots/journey/)"
	@echo "make bench-join - join-time benchmark (20 calls), written to BENCHMARKS.md"
	@echo "make bench-record - server CPU per call-minute with recording on vs off, written to BENCHMARKS.md"
	@echo "make bench-mrz  - MRZ reading: media-ai document vs PassportEye on the document set (rows for BENCHMARKS.md)"
	@echo "make bench-archive - archive search p50/p95 with 100,000 sessions on SQLite and PostgreSQL, written to BENCHMARKS.md"
	@echo "make bench-sfu  - our SFU vs Janus 1.1.2, same 1:1 calls, in network namespaces (root); BENCHMARKS.md"
	@echo "make bench-ws   - 10,000 concurrent queue WebSockets on one server: memory per socket, join rate; BENCHMARKS.md"
	@echo "make fuzz       - every fuzz target for FUZZ_SECONDS (default 600) each (cargo-fuzz on stable)"

APT_PACKAGES := pkg-config libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev \
	gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav \
	gstreamer1.0-tools gstreamer1.0-plugins-base-apps chromium postgresql ffmpeg procps curl openssl coturn nftables iproute2 python3 python3-pip \
	libssl-dev poppler-utils python3-venv

setup: setup-apt setup-node setup-ort setup-py setup-pip

setup-apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v node >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

# `npm install`, not `npm ci`: the lock files omit registry URLs (this workplace's npm setting),
# and npm ci then rejects the optional per-platform packages of rollup and esbuild.
setup-node:
	@for d in agent-ui tests/e2e; do \
		[ "$$d/node_modules/.package-lock.json" -nt "$$d/package.json" ] || \
		(cd $$d && npm install --no-audit --no-fund --loglevel=error); \
	done

setup-ort:
	@if [ -x media-ai/setup-onnxruntime.sh ]; then media-ai/setup-onnxruntime.sh; fi

# The Python the journey's message tests run (aiosmtpd, standardwebhooks, icalendar from PyPI).
setup-py:
	@signaling/tests/py/setup-venv.sh

# A real S3 server for the object-storage tests: moto's moto_server, from PyPI.
setup-pip:
	@command -v moto_server >/dev/null || python3 -m pip install --quiet 'moto[server]' || python3 -m pip install --quiet --break-system-packages 'moto[server]'

ui:
	cd agent-ui && npm run --silent build

build: ui
	cargo build --bins

run: setup build
	signaling/run-demo.sh

test: setup ui
	@set -e; export TEST_PG_URL=$$(tests/pg.sh); test -n "$$TEST_PG_URL"; \
	(cd agent-ui && npm run --silent check:api && npm test); \
	cargo build --bins; \
	cargo test --no-fail-fast; \
	VKYC_MEDIA__ENGINE=webrtc cargo test -p tests --test call; \
	tests/schemathesis/run.sh; \
	cd tests/e2e && TEST_PG_URL=$$TEST_PG_URL npm test

demo-call: setup build
	cd tests/e2e && node demo-call.mjs

demo-record: setup build
	cd tests/e2e && node demo-record.mjs

# Exits 0 only if the walk passed: four-eyes confirmation, the final webhook, a verified evidence package.
demo-review: setup build
	cd tests/e2e && node --test review.test.mjs

demo-review-world: setup build
	cd tests/e2e && node demo-review.mjs

# Exits 0 only if the walk's approval is stored (API and database); screenshots in tests/e2e/screenshots/console/.
demo-console: setup build
	cd tests/e2e && node --test console.test.mjs

demo-onboarding: setup ui
	cargo build --bins
	cd tests/e2e && node --test --test-concurrency=1 journey.test.mjs booking.test.mjs

bench-record: setup
	cargo build --release -p signaling
	cargo bench -p tests --bench recording_cpu

bench-join: setup ui
	cargo build --release -p signaling
	cd tests/e2e && PROFILE=release node bench-join.mjs

bench-mrz: setup-ort
	media-ai/bench/bench-mrz.sh

bench-archive: setup
	@set -e; export TEST_PG_URL=$$(tests/pg.sh); cargo bench -p signaling --bench archive

# Needs root (network namespaces) and Debian's janus; BENCH_* variables tune it (tests/bench-sfu/src/orchestrate.rs).
bench-sfu: setup
	@dpkg-query -W -f='$${Status}\n' janus 2>/dev/null | grep -q 'install ok installed' || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends janus >/dev/null; }
	cargo build --release -p signaling -p bench-sfu -p media-ai
	target/release/bench-sfu

bench-ws: setup
	cargo build --release -p signaling
	cargo bench -p tests --bench ws_load

# 10,000 join/leave cycles of test clients; fails when the server's memory is not flat (±2%).
bench-churn: setup
	cargo build --release -p signaling
	cargo bench -p tests --bench churn

fuzz: setup
	fuzz/run.sh
