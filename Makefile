# Two commands set up and run everything: `make serve` and `make test`.
# Each installs what it needs first, so they work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build dist clean

serve: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest

build: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict

# The offline bundle: dist/rag-or-fine-tune-VERSION.tar.gz and its .sha256;
# see docs/self-hosting.md.
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
