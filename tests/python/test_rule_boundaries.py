"""The project's generic tests fire exactly at their boundaries.

A fixture project (integration_tests/rules_project) installs this project as a local dbt
package and applies its generic tests to hand-made cases: the variance rule at exactly
15% and 25% (the boundary agrees) and just above, missing and zero references; rate
windows that touch, overlap or are both open-ended; a business finding.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import duckdb
import pytest

from conftest import DBT, PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "integration_tests" / "rules_project"


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("rules")
    project = work / "rules_project"
    shutil.copytree(FIXTURE, project)
    (project / "packages.yml").write_text(f"packages:\n  - local: {PROJECT_ROOT}\n")
    env = dict(os.environ, COORD_FINOPS_DUCKDB_PATH=str(work / "fixture.duckdb"), DBT_PROFILES_DIR=str(PROJECT_ROOT))
    deps = subprocess.run([DBT, "deps"], cwd=project, env=env, capture_output=True, text=True)
    assert deps.returncode == 0, deps.stdout + deps.stderr
    build = subprocess.run([DBT, "build", "--select", "package:rules_fixture"], cwd=project, env=env,
                           capture_output=True, text=True)
    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    by_name = {r["unique_id"].split(".")[2]: r for r in results if r["unique_id"].startswith("test.")}
    with duckdb.connect(str(work / "fixture.duckdb"), read_only=True) as db:
        schemas = dict(db.execute(
            "select table_name, table_schema from information_schema.tables where table_schema like '%fixture_failures'"
        ).fetchall())
        failures = {
            name: sorted(row[0] for row in db.execute(f'select * from "{schemas[name]}"."{name}"').fetchall())
            for name in by_name
        }
    return build, by_name, failures


def test_variance_warns_above_15_pct_and_the_boundary_agrees(fixture_run):
    _, results, failures = fixture_run
    assert results["variance_warn_at_15"]["status"] == "warn"
    assert failures["variance_warn_at_15"] == sorted(
        ["just_above_15_pct", "at_25_pct", "just_above_25_pct", "missing_reference", "zero_reference"])


def test_variance_errors_above_25_pct_and_the_boundary_agrees(fixture_run):
    build, results, failures = fixture_run
    assert results["variance_error_at_25"]["status"] == "fail"
    assert failures["variance_error_at_25"] == sorted(["just_above_25_pct", "missing_reference", "zero_reference"])
    assert build.returncode != 0  # an error-severity failure fails the build


def test_overlapping_rate_windows_are_caught_and_touching_ones_pass(fixture_run):
    _, results, failures = fixture_run
    assert results["rate_windows_do_not_overlap"]["status"] == "fail"
    assert failures["rate_windows_do_not_overlap"] == ["open_ended", "overlapping"]
    assert results["rate_windows_unique_role_start"]["status"] == "pass"


def test_findings_warn_and_are_named_in_the_log(fixture_run):
    build, results, failures = fixture_run
    assert results["finding_fixture_bottleneck"]["status"] == "warn"
    assert failures["finding_fixture_bottleneck"] == ["d2"]
    assert "Finding (warn, 1): fixture decisions in the bottleneck band: d2" in build.stdout
