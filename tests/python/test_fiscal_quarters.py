"""A fiscal year that does not start in January shifts every quarter and its label."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conftest import run_dbt


@pytest.fixture(scope="module")
def february_build(tmp_path_factory):
    run = run_dbt(["build"], tmp_path_factory.mktemp("fiscal"), {"fiscal_year_start_month": 2})
    assert run.returncode == 0, run.output[-6000:]
    with run.connect() as connection:
        yield connection


def test_quarters_start_in_february_may_august_november(february_build):
    rows = february_build.execute(
        "select quarter_start, quarter_label, fiscal_year, fiscal_quarter from marts.dim_quarters order by 1"
    ).fetchall()
    assert rows[0] == (date(2025, 11, 1), "FY2026-Q4", 2026, 4)  # Nov 2025 - Jan 2026 ends fiscal 2026
    assert rows[1] == (date(2026, 2, 1), "FY2027-Q1", 2027, 1)
    assert rows[-1] == (date(2026, 11, 1), "FY2027-Q4", 2027, 4)
    assert [r[0].month for r in rows] == [11, 2, 5, 8, 11]


def test_what_does_not_depend_on_the_calendar_stays_the_same(february_build, sample_db):
    # billing is summed per quarter and rounded to the cent once per quarter and category
    query = """
        select sum(cost_usd) from marts.rpt_quarterly_real_ai_cost
        where cost_category in ('ai_infrastructure', 'adjacency_cloud')
    """
    fiscal, calendar = (db.execute(query).fetchone()[0] for db in (february_build, sample_db))
    assert abs(fiscal - calendar) <= 2 * 5 * Decimal("0.005")
    # minutes do not move; their cost does, because payroll rates are derived per quarter
    minutes = "select sum(human_minutes + remediation_minutes), count(*) from marts.fct_coordination_edges"
    assert february_build.execute(minutes).fetchone() == sample_db.execute(minutes).fetchone()
    january_edges = february_build.execute(
        "select count(*) from marts.fct_coordination_edges where month(occurred_at) = 1 and quarter_label = 'FY2026-Q4'"
    ).fetchone()[0]
    assert january_edges > 0
