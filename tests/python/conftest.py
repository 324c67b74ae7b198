"""Shared fixtures: dbt runs as a subprocess against a DuckDB file of the test's own.

dbt-duckdb keeps its database file open inside the process that ran dbt, so the tests
never run dbt in-process: they run the `dbt` executable of the environment and read the
results afterwards with a plain `duckdb.connect`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# the project's own Python (the package and bench/) is importable from the tests as it is checked out
sys.path.insert(0, str(PROJECT_ROOT))
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
DBT = str(Path(sys.executable).with_name("dbt"))
# the calendar loader's arguments for the sample, as `make observed` passes them
CALENDAR_ARGS = ["data/sample/calendar", "--out", "data/normalized/calendar_attendance.csv",
                 "--from", "2026-01-01", "--to", "2027-01-01", "--outlook-timezone", "America/New_York"]


@pytest.fixture(scope="session", autouse=True)
def normalized_calendar():
    """Every dbt build reads the calendar loader's output: write it before any test runs dbt
    (as `make build` does), into the git-ignored data/normalized/."""
    from coordination_finops import calendar

    cwd = os.getcwd()
    os.chdir(PROJECT_ROOT)
    try:
        assert calendar.main(CALENDAR_ARGS) == 0
    finally:
        os.chdir(cwd)
    return PROJECT_ROOT / "data" / "normalized" / "calendar_attendance.csv"


@dataclass
class DbtRun:
    returncode: int
    output: str
    database: Path

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.database), read_only=True)


def run_dbt(args: list[str], workdir: Path, dbt_vars: dict | None = None, env: dict | None = None) -> DbtRun:
    """Run dbt in the project with its own DuckDB file, target and log folders under `workdir`
    (`env` adds variables, e.g. another engine's connection for `--target postgres`)."""
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "warehouse.duckdb"
    env = dict(os.environ, COORD_FINOPS_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_ROOT), **(env or {}))
    command = [DBT, *args, "--target-path", str(workdir / "target"), "--log-path", str(workdir / "logs")]
    exports = workdir / "exports"  # each run exports its marts into its own folder
    exports.mkdir(exist_ok=True)
    command += ["--vars", json.dumps({"export_path": str(exports), **(dbt_vars or {})})]
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    return DbtRun(result.returncode, result.stdout + result.stderr, database)


def require_shared(path: Path) -> Path:
    """The real public inputs live in ../shared/data. CI always has them, so there a missing
    file fails the test; on a machine without them the test is skipped and says why."""
    if not path.exists():
        message = f"real input {path} is not beside the project (expected ../shared/data)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> DbtRun:
    """`dbt build` of the shipped sample: every seed, model, data test and unit test."""
    run = run_dbt(["build"], tmp_path_factory.mktemp("sample"))
    assert run.returncode == 0, run.output[-6000:]
    return run


@pytest.fixture(scope="session")
def sample_db(sample_build):
    with sample_build.connect() as connection:
        yield connection


@pytest.fixture()
def scratch(tmp_path) -> Path:
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)
