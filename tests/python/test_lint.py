"""The project's SQL is lint-clean under the committed sqlfluff configuration.

Runs `sqlfluff lint` as a subprocess (like `make lint`), with the dbt templater compiling
every file against a DuckDB file of the test's own, and fails listing every violation.
Also checks that `.sqlfluff` keeps the conventions of ../shared/CONVENTIONS.md, so that
loosening the configuration cannot make the lint pass.
"""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT

SQLFLUFF = str(Path(sys.executable).with_name("sqlfluff"))
LINT_PATHS = ["models", "tests", "analyses"]  # as in the Makefile's `lint` target
NOT_LINTED = ["tests/generic"]  # {% test %} blocks: see .sqlfluffignore


def read_config() -> configparser.ConfigParser:
    config = configparser.ConfigParser(interpolation=None)
    assert config.read(PROJECT_ROOT / ".sqlfluff"), ".sqlfluff is missing"
    return config


def test_sqlfluff_config_keeps_the_project_conventions():
    config = read_config()
    assert config.get("sqlfluff", "dialect") == "duckdb"
    assert config.get("sqlfluff", "templater") == "dbt"
    assert config.get("sqlfluff:rules:capitalisation.keywords", "capitalisation_policy") == "lower"
    for rule in ["identifiers", "functions", "types"]:
        assert config.get(f"sqlfluff:rules:capitalisation.{rule}", "extended_capitalisation_policy") == "lower"
    assert config.get("sqlfluff:rules:capitalisation.literals", "capitalisation_policy") == "lower"
    assert config.get("sqlfluff:layout:type:comma", "line_position") == "trailing"
    assert config.get("sqlfluff:indentation", "indent_unit") == "space"
    assert config.getint("sqlfluff:indentation", "tab_space_size") == 4
    # every excluded rule is explained in a comment of .sqlfluff
    excluded = [r.strip() for r in config.get("sqlfluff", "exclude_rules", fallback="").split(",") if r.strip()]
    comments = [line for line in (PROJECT_ROOT / ".sqlfluff").read_text().splitlines() if line.lstrip().startswith("#")]
    unexplained = [rule for rule in excluded if not any(rule in line for line in comments)]
    assert unexplained == [], f"excluded rules without a reason in .sqlfluff: {unexplained}"


def test_sql_is_lint_clean(tmp_path):
    env = dict(
        os.environ,
        DBT_PROFILES_DIR=str(PROJECT_ROOT),
        COORD_FINOPS_DUCKDB_PATH=str(tmp_path / "lint.duckdb"),
        DBT_TARGET_PATH=str(tmp_path / "target"),
        DBT_LOG_PATH=str(tmp_path / "logs"),
    )
    result = subprocess.run([SQLFLUFF, "lint", *LINT_PATHS, "--format", "json"], cwd=PROJECT_ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    try:
        files = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"sqlfluff exited {result.returncode} without a report:\n{result.stderr[-3000:]}")

    violations = [
        f"{Path(f['filepath']).as_posix()}:{v['start_line_no']} {v['code']} {v['description']}"
        for f in files for v in f["violations"]
    ]
    assert violations == [], "sqlfluff found:\n" + "\n".join(violations)
    assert result.returncode == 0, result.stderr[-3000:]

    # every SQL file in scope was linted: none skipped because dbt could not compile it
    linted = {Path(f["filepath"]).as_posix() for f in files}
    expected = {
        path.relative_to(PROJECT_ROOT).as_posix()
        for folder in LINT_PATHS for path in (PROJECT_ROOT / folder).rglob("*.sql")
        if not any(path.relative_to(PROJECT_ROOT).as_posix().startswith(skip + "/") for skip in NOT_LINTED)
    }
    assert sorted(expected - linted) == []
