"""The starter kit builds out of the box, and its worked example costs what a hand calculation gives.

`coordination-finops-starter --out DIR` writes a project for a new company that has no payroll,
billing or revenue export yet. Built there, the article's example decision must cost, edge by edge,
minutes x people / 60 x the prefilled loaded rate, and the figures that need the missing exports
must read "not measured" (null with a reason), never zero.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from coordination_finops.starter import EXAMPLE_EDGES, write_starter

DBT = str(Path(sys.executable).with_name("dbt"))


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    project = write_starter(tmp_path_factory.mktemp("starter") / "my-company")
    database = project / "warehouse.duckdb"
    env = dict(os.environ, COORD_FINOPS_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(project))
    # exactly what the README tells a finance analyst to run, in the new folder
    result = subprocess.run([DBT, "build"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, (result.stdout + result.stderr)[-5000:]
    return project, database, result.stdout


def test_worked_example_costs_the_hand_calculation(starter):
    project, database, _ = starter
    with (project / "seeds/role_rate_card.csv").open() as handle:
        rates = {row["role"]: Decimal(row["loaded_hourly_rate_usd"]) for row in csv.DictReader(handle)}
    # by hand: minutes x people / 60 x loaded hourly rate, per participant role
    #   H2A: 45 min analyst                          = 45/60 x 72.99          =  54.7425
    #   A2H: 20 min senior manager                   = 20/60 x 87.69          =  29.2300
    #   H2H: 90 min analyst + senior manager + manager = 90/60 x (72.99 + 87.69 + 87.69) = 372.5550
    expected = {
        edge_id: sum(Decimal(minutes) * people / 60 * rates[role] for role, people, minutes in participants)
        for edge_id, _, _, _, participants in EXAMPLE_EDGES
    }
    assert sum(expected.values()) == Decimal("456.5275")
    with duckdb.connect(str(database), read_only=True) as connection:
        edges = dict(connection.execute(
            "select edge_id, human_cost_usd from marts.fct_coordination_edges").fetchall())
        total, band = connection.execute(
            "select total_cost_usd, cost_band from marts.fct_decisions where decision_id = 'EXAMPLE-0001'").fetchall()[0]
    assert edges == expected
    assert total == sum(expected.values()) and band == "lean"


def test_missing_exports_read_not_measured_never_zero(starter):
    _, database, output = starter
    with duckdb.connect(str(database), read_only=True) as connection:
        row = connection.execute("""
            select coordination_cost_usd, real_ai_cost_usd, coordination_share, total_payroll_usd, revenue_usd,
                   payroll_not_measured_reason, billing_not_measured_reason, business_metrics_not_measured_reason
            from marts.rpt_quarterly_coordination_kpis""").fetchall()
    assert len(row) == 1
    coordination, real_cost, share, payroll, revenue, *reasons = row[0]
    assert coordination == Decimal("456.53")
    assert (real_cost, share, payroll, revenue) == (None, None, None, None)
    assert all(reason and reason.startswith("not measured") for reason in reasons)
    assert "Source billing is switched off" in output  # the skipped tests are named, not silently passed
    assert (database.parent / "exports" / "fct_decisions.parquet").exists()


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not empty"):
        write_starter(tmp_path)
