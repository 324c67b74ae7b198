# Quick start: `make build` (set up, normalize the sample calendars, then dbt build on the shipped sample), `make test` (every test),
# `make lint` (sqlfluff on the project's SQL), `make report` (the QBR report of the last build, in reports/qbr/).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export DBT_PROFILES_DIR := $(CURDIR)

.PHONY: setup system-packages build build-postgres build-spark test lint report sample docs metrics clean observed

setup: system-packages $(VENV)/.installed

# Debian packages the tests need: chromium renders the QBR report headless; postgresql and a
# Java runtime run the same project on PostgreSQL and Spark (README "Running on a warehouse or cluster").
# Installed with apt-get when missing and running as root; otherwise says what to install.
SYSTEM_PACKAGES := chromium postgresql openjdk-17-jre-headless
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "missing Debian packages:$$missing (sudo apt-get install$$missing); the tests that need them will fail under CI" >&2; \
		fi; \
	fi

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# The calendar loader turns the calendar exports (.ics, Outlook CSV) into the one flat file the
# dbt source `observed.calendar_attendance` reads (data/normalized/ is git-ignored). The sample's
# Outlook export is in New York time; occurrences are expanded over the sample's year.
CALENDAR_EXPORTS ?= data/sample/calendar
CALENDAR_OPTIONS ?= --from 2026-01-01 --to 2027-01-01 --outlook-timezone America/New_York
observed: setup
	$(BIN)/python -m coordination_finops.calendar $(CALENDAR_EXPORTS) --out data/normalized/calendar_attendance.csv $(CALENDAR_OPTIONS)

build: setup observed
	$(BIN)/dbt source freshness
	$(BIN)/dbt build

# every test, on two workers (a test file stays on one worker: its builds are shared fixtures);
# the PostgreSQL and Spark files build the sample there too and compare every mart with DuckDB
test: setup observed
	$(BIN)/pytest -n 2 --dist loadfile

# the same build on the other tested engines (README "Running on a warehouse or cluster"):
# a private PostgreSQL started for the build and removed after it; Spark in-process with its
# warehouse and metastore under target/spark, removed first
build-postgres: setup observed
	$(BIN)/python -m coordination_finops.local_postgres -- sh -c \
		'$(BIN)/coordination-finops-load --target postgres && $(BIN)/dbt build --target postgres'

build-spark: setup observed
	rm -rf target/spark
	$(BIN)/coordination-finops-load --target spark
	$(BIN)/dbt build --target spark

# The QBR report of the last `make build`: reports/qbr/index.html (self-contained) and its PNG charts.
report: setup
	$(BIN)/coordination-finops-report

# sqlfluff with the dbt templater (.sqlfluff), which compiles every model against a DuckDB
# file of its own under target/, never the warehouse `make build` writes.
lint: setup observed
	mkdir -p target
	COORD_FINOPS_DUCKDB_PATH=target/sqlfluff.duckdb $(BIN)/sqlfluff lint models tests analyses

sample: setup
	$(BIN)/coordination-finops-generate --root .

docs: setup observed
	$(BIN)/dbt docs generate

# the five core metrics by quarter from the semantic layer (after `make build`)
metrics: setup
	$(BIN)/mf query --saved-query qbr_core_metrics --decimals 4

clean:
	rm -rf target logs coordination_finops.duckdb reports
	find exports -type f ! -name README.md -delete
