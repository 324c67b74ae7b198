"""Incremental builds give the same marts as a full refresh.

The sample's exports are split at a cutoff day: a first build loads what came before it, then
new days are appended (with the late arrivals an incremental model must not miss: a FOCUS
correction for a day months back, an edge logged late for an earlier quarter, a payroll
adjustment paid now for the previous quarter, and a restated row of a day inside the lookback
window) and an incremental `dbt build` runs. A second warehouse builds everything at once.
Every mart must be identical in the two.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, run_dbt

CUTOFF = "2026-12-20"
MARTS = ["fct_coordination_edges", "fct_decisions", "fct_billing_charges", "rpt_quarterly_real_ai_cost",
         "rpt_quarterly_coordination_kpis", "rpt_decision_cost_by_segment", "dim_quarters", "fct_quarantined_rows"]
BILLING = {"aws_focus_1_0_2026": "ProviderName", "ai_vendors_focus_1_3_2026": "ServiceProviderName"}
INVENTORY = ["decision_log", "decision_edges", "decision_edge_participants", "decision_edge_tokens"]


def csv_source(path: Path) -> str:
    return f"read_csv('{path}', header = true, all_varchar = true)"


def copy_to(connection, query: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection.execute(f"copy ({query}) to '{path}' (format csv, header true)")


def write_first_load(connection, inputs: Path) -> None:
    """Everything dated before the cutoff, as a feed would have delivered it by then."""
    for name in BILLING:
        source = csv_source(PROJECT_ROOT / "data/sample/billing" / f"{name}.csv")
        copy_to(connection, f"select * from {source} where ChargePeriodStart < '{CUTOFF}'",
                inputs / "billing" / f"{name}_part_1.csv")
    payroll = csv_source(PROJECT_ROOT / "data/sample/payroll/payroll_register_2026.csv")
    copy_to(connection, f"select * from {payroll} where pay_date < '{CUTOFF}'", inputs / "payroll/part_1.csv")
    connection.execute(f"create table edges as select * from {csv_source(PROJECT_ROOT / 'seeds/decision_edges.csv')}")
    # an edge of May that the feed delivers only after the cutoff, with its participants and tokens
    connection.execute(f"""
        create table first_edges as
        select edge_id from edges
        where occurred_at < '{CUTOFF}'
            and edge_id <> (select min(edge_id) from edges where occurred_at like '2026-05-2%' and edge_type = 'H2A')""")
    decisions = csv_source(PROJECT_ROOT / "seeds/decision_log.csv")
    copy_to(connection, f"select * from {decisions} where initiated_at < '{CUTOFF}'",
            inputs / "inventory/decision_log/part_1.csv")
    copy_to(connection, "select * from edges where edge_id in (select edge_id from first_edges)",
            inputs / "inventory/decision_edges/part_1.csv")
    for table in INVENTORY[2:]:
        copy_to(connection, f"select * from {csv_source(PROJECT_ROOT / 'seeds' / f'{table}.csv')} "
                            "where edge_id in (select edge_id from first_edges)",
                inputs / f"inventory/{table}/part_1.csv")


def write_later_days(connection, inputs: Path) -> None:
    """The days from the cutoff on, and the late arrivals that come with them."""
    for name, provider in BILLING.items():
        source = csv_source(PROJECT_ROOT / "data/sample/billing" / f"{name}.csv")
        copy_to(connection, f"select * from {source} where ChargePeriodStart >= '{CUTOFF}'",
                inputs / "billing" / f"{name}_part_2.csv")
    aws = csv_source(PROJECT_ROOT / "data/sample/billing/aws_focus_1_0_2026.csv")
    # a correction billed now for a charge of May, and a restated row (new amount) of the day
    # before the cutoff, inside the lookback window: the provider rewrote its earlier file
    copy_to(connection, f"""
        select * replace ('Correction' as ChargeClass, '-12.3400000000' as BilledCost,
                          '-12.3400000000' as EffectiveCost, '-12.3400000000' as ListCost)
        from {aws} where ChargePeriodStart like '2026-05-12%' limit 1""",
            inputs / "billing/aws_correction_2026_05.csv")
    first = inputs / "billing/aws_focus_1_0_2026_part_1.csv"
    restated = inputs / "billing/restated.csv"
    copy_to(connection, f"""
        with rows as (select * from {csv_source(first)}),
        chosen as (select min(ResourceId || '|' || SkuId) as row_id from rows where ChargePeriodStart like '2026-12-19%')
        select * replace (
            case when ChargePeriodStart like '2026-12-19%' and ResourceId || '|' || SkuId = (select row_id from chosen)
                 then '1.0000000000' else BilledCost end as BilledCost)
        from rows""", restated)
    shutil.move(restated, first)

    payroll = csv_source(PROJECT_ROOT / "data/sample/payroll/payroll_register_2026.csv")
    copy_to(connection, f"select * from {payroll} where pay_date >= '{CUTOFF}'", inputs / "payroll/part_2.csv")
    # a retroactive adjustment for September, paid after the cutoff: Q3's rates move
    copy_to(connection, f"""
        select * replace ('ADJ-LATE-0001' as pay_line_id, '{CUTOFF}' as pay_date, '2500.00' as wages,
                          '191.25' as employer_taxes, '0.00' as benefits, '0' as hours_paid)
        from {payroll} where pay_period_end like '2026-09%' order by pay_line_id limit 1""",
            inputs / "payroll/adjustment_late.csv")

    decisions = csv_source(PROJECT_ROOT / "seeds/decision_log.csv")
    copy_to(connection, f"select * from {decisions} where initiated_at >= '{CUTOFF}'",
            inputs / "inventory/decision_log/part_2.csv")
    # every edge not loaded first: the new days and the late May edge
    copy_to(connection, "select * from edges where edge_id not in (select edge_id from first_edges)",
            inputs / "inventory/decision_edges/part_2.csv")
    for table in INVENTORY[2:]:
        copy_to(connection, f"select * from {csv_source(PROJECT_ROOT / 'seeds' / f'{table}.csv')} "
                            "where edge_id not in (select edge_id from first_edges)",
                inputs / f"inventory/{table}/part_2.csv")
    connection.execute(f"""copy (select * from edges where edge_id not in (select edge_id from first_edges)
                           and occurred_at < '{CUTOFF}') to '{inputs}/late_edges.csv' (format csv, header true)""")


def input_vars(inputs: Path) -> dict:
    return {"billing_path": str(inputs / "billing/*.csv"), "payroll_path": str(inputs / "payroll/*.csv"),
            "inventory_path": str(inputs / "inventory"), "inventory_file_format": "csv"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    inputs = root / "inputs"
    with duckdb.connect() as connection:
        write_first_load(connection, inputs)
        first = run_dbt(["build"], root / "incremental", input_vars(inputs))
        assert first.returncode == 0, first.output[-6000:]
        write_later_days(connection, inputs)
    late_edges = (inputs / "late_edges.csv").read_text().splitlines()
    assert len(late_edges) == 2, "the late May edge must be among the appended rows"
    incremental = run_dbt(["build"], root / "incremental", input_vars(inputs))
    assert incremental.returncode == 0, incremental.output[-6000:]
    full = run_dbt(["build"], root / "full", input_vars(inputs))
    assert full.returncode == 0, full.output[-6000:]
    return incremental, full


def test_the_second_build_ran_incrementally(builds):
    incremental, _ = builds
    compiled = incremental.database.parent / "target/run/coordination_finops/models/marts/core"
    for model in ("fct_billing_charges", "fct_coordination_edges"):
        sql = (compiled / f"{model}.sql").read_text().lower()
        assert "delete from" in sql and "insert into" in sql, f"{model} was not built incrementally"


def test_incremental_marts_equal_a_full_refresh(builds):
    incremental, full = builds
    with incremental.connect() as connection:
        connection.execute(f"attach '{full.database}' as full_build (read_only)")
        for mart in MARTS:
            rows = connection.execute(f"select count(*) from marts.{mart}").fetchall()[0][0]
            assert rows > 0, mart
            for left, right in (("marts", "full_build.marts"), ("full_build.marts", "marts")):
                extra = connection.execute(
                    f"select count(*) from (select * from {left}.{mart} except all select * from {right}.{mart})"
                ).fetchall()[0][0]
                assert extra == 0, f"{mart}: {extra} rows of {left} are not in {right}"


def test_late_arrivals_reached_the_marts(builds):
    incremental, _ = builds
    with incremental.connect() as connection:
        corrections = connection.execute(
            "select count(*) from marts.fct_billing_charges where charge_class = 'Correction' "
            "and charge_date = date '2026-05-12' and billed_cost_usd = -12.34"
        ).fetchall()[0][0]
        restated = connection.execute(
            "select count(*) from marts.fct_billing_charges where charge_date = date '2026-12-19' "
            "and billed_cost_usd = 1"
        ).fetchall()[0][0]
        may_edges = connection.execute(
            "select count(*) from marts.fct_coordination_edges where occurred_at < timestamp '2026-06-01' "
            "and occurred_at >= timestamp '2026-05-20'"
        ).fetchall()[0][0]
    assert corrections == 1 and restated >= 1 and may_edges > 0
