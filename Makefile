# Two commands set up and run everything: `make serve` and `make test`.
# Each installs what it needs first, so they work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench dist clean

serve: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest

build: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict

# Python start-up benchmark (headless Chromium, Lighthouse); not part of `make test`.
# Writes the table to stdout and bench/results/latest.md. BENCH_RUNS=5 by default.
bench: $(VENV)/.installed node_modules/.installed
	$(BIN)/python bench/run.py

# The offline bundle: dist/rag-or-fine-tune-VERSION.tar.gz and its .sha256;
# see docs/self-hosting.md.
# Built for the address nginx.conf serves: Material's instant navigation needs
# site_url to match the path. Override with `make dist SITE_URL=...`.
dist: export SITE_URL ?= http://localhost/guide/
dist: build
	$(BIN)/python deploy/make_dist.py site dist

clean:
	rm -rf $(VENV) node_modules site .cache dist

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[docs,test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@
