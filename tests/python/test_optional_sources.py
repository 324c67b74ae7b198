"""Payroll, billing and the company's revenue and headcount are optional.

The sample is built with each source switched off in turn and with all three off. Every build
must succeed on what is left; a figure that needs a missing source reads null with its reason
("not measured"), never zero; the tests that need it do not run (they are named at the start
of the run, not passed on empty data); and everything that does not need it is unchanged.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import run_dbt

SOURCES = ["payroll", "billing", "business_metrics"]
NEEDS = {  # tests that need the source: they must not run while it is off
    "payroll": ["variance_rate_card_vs_payroll_warn", "variance_rate_card_vs_payroll_error",
                "assert_payroll_conserved_from_source_to_staging"],
    "billing": ["variance_token_estimate_vs_invoice_warn", "variance_token_estimate_vs_invoice_error",
                "finding_quarters_with_coordination_but_no_billing", "finding_category_share_outside_reference_range",
                "assert_quarterly_billing_reconciles_to_staged_billing"],
    "business_metrics": ["finding_quarters_without_revenue_or_headcount"],
}


@pytest.fixture(scope="module", params=[("payroll",), ("billing",), ("business_metrics",), tuple(SOURCES)],
                ids=["payroll_off", "billing_off", "business_metrics_off", "all_off"])
def build_without(request, tmp_path_factory):
    off = request.param
    run = run_dbt(["build"], tmp_path_factory.mktemp("_".join(off)), {f"{name}_enabled": False for name in off})
    assert run.returncode == 0, run.output[-6000:]
    return off, run


def kpis(run):
    with run.connect() as connection:
        result = connection.execute("select * from marts.rpt_quarterly_coordination_kpis order by quarter_start")
        names = [column[0] for column in result.description]
        return [dict(zip(names, row)) for row in result.fetchall()]


def test_switched_off_figures_read_not_measured(build_without, sample_db):
    off, run = build_without
    rows = kpis(run)
    assert len(rows) == 4
    columns = {
        "payroll": ["total_payroll_usd", "paid_employees"],
        "billing": ["ai_infrastructure_usd", "adjacency_cloud_usd", "real_ai_cost_usd", "coordination_share",
                    "coordination_multiplier", "total_cloud_and_ai_bill_usd"],
        "business_metrics": ["revenue_usd", "headcount_fte", "revenue_growth_qoq", "headcount_growth_qoq"],
    }
    for row in rows:
        assert row["coordination_cost_usd"] > 0 and row["cost_per_decision_median_usd"] > 0
        for name in SOURCES:
            reason = row[f"{name}_not_measured_reason"]
            if name in off:
                assert reason and reason.startswith("not measured"), (name, reason)
                assert all(row[column] is None for column in columns[name]), (name, row)
            else:
                assert reason is None, (name, reason)
                assert all(row[column] is not None for column in columns[name][:2]), (name, row)
    if "billing" in off:
        with run.connect() as connection:
            billed = connection.execute(
                "select count(*) from marts.rpt_quarterly_real_ai_cost "
                "where cost_category in ('ai_infrastructure', 'adjacency_cloud') and cost_usd is not null").fetchall()
        assert billed[0][0] == 0


def test_the_tests_that_need_a_switched_off_source_are_skipped_and_named(build_without):
    off, run = build_without
    results = json.loads((run.database.parent / "target/run_results.json").read_text())
    ran = {result["unique_id"].split(".")[2] for result in results["results"]}
    for name in off:
        assert f"Source {name} is switched off" in run.output
        for test in NEEDS[name]:
            assert test not in ran, f"{test} ran while {name} is off"
    for name in set(SOURCES) - set(off):
        assert NEEDS[name][0] in ran


def test_what_does_not_need_the_source_is_unchanged(build_without, sample_db):
    off, run = build_without
    expected = sample_db.execute("select quarter_start, coordination_cost_usd, cost_per_decision_median_usd "
                                 "from marts.rpt_quarterly_coordination_kpis order by 1").fetchall()
    got = [(row["quarter_start"], row["coordination_cost_usd"], row["cost_per_decision_median_usd"]) for row in kpis(run)]
    if "payroll" in off:
        # without payroll the rate card prices every minute: costs move, but every minute is priced
        with run.connect() as connection:
            sources = connection.execute(
                "select distinct rate_source from intermediate.int_human_minutes_costed").fetchall()
        assert sources == [("rate_card",)]
        assert all(cost > Decimal(0) for _, cost, _ in got)
    else:
        assert got == expected
