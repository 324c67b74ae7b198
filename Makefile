# Quick start: `make build` (set up, then dbt build on the shipped sample), `make test` (every test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export DBT_PROFILES_DIR := $(CURDIR)

.PHONY: setup build test sample docs clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

build: setup
	$(BIN)/dbt source freshness
	$(BIN)/dbt build

test: setup
	$(BIN)/pytest

sample: setup
	$(BIN)/coordination-finops-generate --root .

docs: setup
	$(BIN)/dbt docs generate

clean:
	rm -rf target logs coordination_finops.duckdb
