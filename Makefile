# Two commands set up and run everything: `make serve` and `make test`.
# Each installs what it needs first, so they work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench dist clean system-packages mutation

# What scripts/system_packages.py checks (and installs with apt-get as root or
# with sudo): `build` is Python's venv, Node.js and npm; `test` adds the
# browsers, Xvfb and nginx. Prerequisites inherit the target's value.
SYSTEM_PACKAGES := build
test bench: SYSTEM_PACKAGES := test

serve: system-packages $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: system-packages $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest

build: system-packages $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict

# Python start-up benchmark (headless Chromium, Lighthouse; Decide against bare Pyodide
# in Chromium, Firefox and WebKit too); not part of `make test`.
# Writes the table to stdout and bench/results/latest.md. BENCH_RUNS=9 visits per page
# and link tier by default; BENCH_TIERS, LIGHTHOUSE_RUNS and ENGINE_RUNS trim a quick run.
# Lighthouse is in bench/package.json so that serve and test never install it.
bench: system-packages $(VENV)/.installed node_modules/.installed bench/node_modules/.installed
	$(BIN)/python bench/run.py

# Mutation testing: mutmut (the `mutation` extra, installed here only) changes
# calculators/ one small step at a time and runs the native unit tests against
# each change; not part of `make test`. MUTANTS narrows the run to matching
# mutant names, e.g. `make mutation MUTANTS='calculators.cost*'`. Results stay
# in mutants/; `mutmut results` lists the survivors, `mutmut show NAME` one diff.
mutation: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --editable ".[mutation]"
	RFT_HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run $(MUTANTS)
	$(BIN)/mutmut results

# The offline bundle: dist/rag-or-fine-tune-VERSION.tar.gz and its .sha256;
# see docs/self-hosting.md.
# Built for the address nginx.conf serves: Material's instant navigation needs
# site_url to match the path. Override with `make dist SITE_URL=...`.
dist: export SITE_URL ?= http://localhost/guide/
dist: build
	$(BIN)/python deploy/make_dist.py site dist

clean:
	rm -rf $(VENV) node_modules bench/node_modules site .cache dist mutants

system-packages:
	$(PYTHON) scripts/system_packages.py $(SYSTEM_PACKAGES)

# Order-only: the venv needs python3-venv, but a check is no reason to rebuild it.
$(VENV)/.installed: pyproject.toml | system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[docs,test]"
	touch $@

node_modules/.installed: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund
	touch $@

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@
