# gongkai: `make run` sets up everything and builds the warehouse from data/sample; `make test` runs the tests.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REPORTS ?= data/reports
export DAGSTER_HOME ?= $(CURDIR)/warehouse/dagster_home

.PHONY: setup run test test-fast ui lint bench docs clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || PY=python3; $${PY:-python3} -m venv $(VENV) 2>/dev/null || python3 -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "[setup] installing the pinned Python dependencies into $(VENV) (first time: ~2-3 min)"
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -c constraints.txt jionlp
	@touch $(STAMP)

# Debian packages: Chromium for the browser tests, Noto CJK for rendering Chinese in pages and generated PDFs
APT_PACKAGES := chromium fonts-noto-cjk
APT_STAMP := $(VENV)/.apt-installed

$(APT_STAMP): | $(BIN)/python
	@echo "[setup] checking Chromium and Noto CJK fonts (apt-get when missing)"
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	else echo "note: install $(APT_PACKAGES) (Debian) for the browser tests"; fi
	@echo "[setup] system packages ready"
	@touch $@

setup: $(STAMP) $(APT_STAMP) dbt_project/target/manifest.json
	@mkdir -p $(DAGSTER_HOME) warehouse
	@cp -n dagster.yaml $(DAGSTER_HOME)/dagster.yaml 2>/dev/null || true

dbt_project/target/manifest.json: $(STAMP) $(shell find dbt_project/models dbt_project/macros dbt_project/tests dbt_project/seeds -type f 2>/dev/null) dbt_project/dbt_project.yml
	@echo "[setup] preparing the dbt manifest"
	cd dbt_project && ../$(BIN)/dbt parse --quiet --profiles-dir . >/dev/null
	@touch $@

run: setup
	$(BIN)/gongkai run --reports $(REPORTS)

test: setup
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not e2e"

ui: setup
	$(BIN)/gongkai ui

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf warehouse dbt_project/target dbt_project/logs
