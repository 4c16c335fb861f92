# Filmdesk: the commands a developer and CI use. See README.md.
#   make run     install what is missing, build, open the app (under Xvfb when there is no display)
#   make test    install what is missing, then every lint and test, end-to-end tests last
#   make bundle  build the installable packages (.deb and .rpm) with the Tauri bundler
#   make bench   run the benchmarks (the domain's, then the release app's: see README.md)
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# rustup installs cargo and tauri-driver here; a non-login shell may not have it on PATH.
export PATH := $(HOME)/.cargo/bin:$(PATH)
export STAGE_LOG ?= $(CURDIR)/target/stage-times.log
STAGE := scripts/stage.sh
APP := target/debug/filmdesk

.PHONY: help setup run test lint fmt clippy ui-check ui-lint ui-test ui-build cargo-test build e2e export-check \
        fuzz bundle bench bench-core bench-app icons times

help:
	@sed -n '2,5p' Makefile | sed 's/^# *//'

setup:
	@$(STAGE) setup bash scripts/setup.sh

ui-build:
	@$(STAGE) ui-build npm --prefix ui run build

# Debug build with the UI embedded (the default feature custom-protocol): what `make run` and the
# end-to-end tests use. A cold release build takes several times longer on a small machine.
build: ui-build
	@$(STAGE) cargo-build cargo build

run: setup build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  exec $(APP) $(ARGS); \
	else \
	  echo "No display: running under Xvfb (screen 1440x900)"; \
	  exec xvfb-run -a -s "-screen 0 1440x900x24" $(APP) $(ARGS); \
	fi

fmt:
	@$(STAGE) fmt cargo fmt --all --check

# The app crate embeds ui/dist at compile time, so the UI is built before clippy.
clippy: ui-build
	@$(STAGE) clippy cargo clippy --workspace --all-targets -- -D warnings

ui-check:
	@$(STAGE) ui-check npm --prefix ui run check

ui-lint:
	@$(STAGE) ui-lint npm --prefix ui run lint

ui-test:
	@$(STAGE) ui-test npm --prefix ui test

lint: fmt ui-check ui-lint clippy

cargo-test: ui-build
	@$(STAGE) cargo-test cargo test --workspace

# Exports checked by the real tools: every standalone page by the Nu Html Checker (vnu-jar), and a
# Hugo site built from a batch Markdown export (tests/export/; installs vnu-jar on first run).
export-check:
	@$(STAGE) export-check node --test tests/export/

# Each cargo-fuzz target (fuzz/) for FUZZ_SECONDS, built in target/fuzz apart from normal builds.
# A longer run: make fuzz FUZZ_SECONDS=600 (nice -n 19 on a shared machine).
FUZZ_SECONDS ?= 45
fuzz:
	@$(STAGE) fuzz bash scripts/fuzz.sh $(FUZZ_SECONDS)

# One test file at a time: each starts its own Xvfb, tauri-driver and app.
e2e: build
	@$(STAGE) e2e node --test --test-concurrency=1 tests/e2e/

test:
	@mkdir -p target && rm -f "$(STAGE_LOG)"
	@start=$$(date +%s); \
	if $(MAKE) --no-print-directory setup fmt ui-check ui-lint ui-test ui-build clippy cargo-test export-check fuzz build e2e; \
	then rc=0; else rc=$$?; fi; \
	$(MAKE) --no-print-directory times; \
	echo "total          $$(( $$(date +%s) - start ))s"; \
	exit $$rc

times:
	@echo; echo "==> stage times"; cat "$(STAGE_LOG)" 2>/dev/null || true

# Tauri's bundler from the @tauri-apps/cli npm package (its prebuilt binary ships inside the package).
# deb and rpm are made by the bundler itself; AppImage would download linuxdeploy, so it is left out.
# The CLI runs beforeBuildCommand in the folder of the package.json it finds (tests/, where the CLI
# is), so the UI build is given with an absolute path.
BUNDLE_CONFIG := {"build":{"beforeBuildCommand":"npm --prefix $(CURDIR)/ui run build"}}
bundle: setup
	@$(STAGE) bundle tests/node_modules/.bin/tauri build --bundles deb,rpm --config '$(BUNDLE_CONFIG)'
	@ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

# The domain's benchmarks (src-tauri/core/benches), then the app's (bench-app). Not part of `make test`.
bench: bench-core bench-app

bench-core:
	@$(STAGE) bench-core cargo bench -p filmdesk-core

# The release app on a generated library of 10,000 reviews, measured in the real window under Xvfb
# (scripts/bench-app.mjs; README.md "Benchmarks"). BENCH_RUNS=N changes the runs per figure.
bench-app: setup ui-build
	@$(STAGE) bench-app-build cargo build --release --bin filmdesk
	@$(STAGE) bench-gen-build cargo build --release -p filmdesk-core --example gen_library
	@$(STAGE) bench-baseline-build cargo build --release --example baseline
	@$(STAGE) bench-app node scripts/bench-app.mjs

icons:
	bash scripts/make-icons.sh
