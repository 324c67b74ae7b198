"""The floor (bench/floor.sql): an independent, hand-written DuckDB formulation of the four
marts. On the sample it must equal the dbt build exactly; a perturbed input must show up
as differences, so the comparison can fail; Parquet inputs (the scaled generator's
layout) must give the same marts as the CSVs."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from conftest import PROJECT_ROOT
from bench.compare import compare
from bench.dirty_check import edit  # rewrite a CSV through a function of its rows
from bench.floor import INVENTORY, run_floor

SAMPLE = {
    "payroll": str(PROJECT_ROOT / "data" / "sample" / "payroll" / "*.csv"),
    "billing": str(PROJECT_ROOT / "data" / "sample" / "billing" / "*.csv"),
    "seeds": str(PROJECT_ROOT / "seeds"),
}


def build_floor(database: Path, **inputs) -> dict[str, int]:
    seconds, counts, con = run_floor(**{**SAMPLE, **inputs}, database=str(database), threads=2)
    con.close()
    return counts


def test_floor_equals_the_dbt_marts_on_the_sample(sample_build, sample_db, tmp_path):
    counts = build_floor(tmp_path / "floor.duckdb")
    assert counts["fct_coordination_edges"] == sample_db.execute(
        "select count(*) from marts.fct_coordination_edges").fetchone()[0]
    result = compare(str(tmp_path / "floor.duckdb"), str(sample_build.database))
    assert result.identical, result.report()
    assert all(m.floor_rows > 0 and m.columns_compared >= 16 for m in result.marts), result.report()


def test_compare_reports_a_changed_model_price(sample_build, tmp_path):
    # The sample prices every human minute at payroll rates (every role-quarter has at least
    # five employees), so a rate-card value would change nothing; a model price does.
    seeds = tmp_path / "seeds"
    shutil.copytree(PROJECT_ROOT / "seeds", seeds)

    def raise_gpt5_output_price(rows):
        row = next(r for r in rows if r["model"] == "gpt-5" and r["valid_to"] == "2026-07-01")
        row["output_usd_per_1m_tokens"] = "10.50"

    edit(seeds / "model_price_card.csv", raise_gpt5_output_price)
    build_floor(tmp_path / "floor.duckdb", seeds=str(seeds))
    result = compare(str(tmp_path / "floor.duckdb"), str(sample_build.database))
    assert not result.identical
    problems = {m.mart: " | ".join(m.problems) for m in result.marts}
    assert "model_cost_usd differs" in problems["fct_coordination_edges"]
    assert "total_cost_usd differs" in problems["fct_decisions"]
    assert "human_cost_usd" not in problems["fct_coordination_edges"]
    # tokens are counted once, in the AI invoice: the real-cost table does not move
    assert problems["rpt_quarterly_real_ai_cost"] == ""
    assert "RESULT: DIFFERENT" in result.report()


def test_compare_reports_a_changed_pay_line(sample_build, tmp_path):
    payroll = tmp_path / "payroll"
    payroll.mkdir()
    shutil.copy(PROJECT_ROOT / "data" / "sample" / "payroll" / "payroll_register_2026.csv", payroll)

    def raise_one_wage(rows):
        rows[0]["wages"] = f"{float(rows[0]['wages']) + 1000:.2f}"

    edit(payroll / "payroll_register_2026.csv", raise_one_wage)
    build_floor(tmp_path / "floor.duckdb", payroll=str(payroll / "*.csv"))
    result = compare(str(tmp_path / "floor.duckdb"), str(sample_build.database))
    assert not result.identical
    problems = {m.mart: " | ".join(m.problems) for m in result.marts}
    assert "human_cost_usd differs" in problems["fct_coordination_edges"]
    assert "cost_usd differs" in problems["rpt_quarterly_real_ai_cost"]
    assert "total_payroll_usd differs" in problems["rpt_quarterly_coordination_kpis"]


def test_floor_reads_parquet_inputs_like_the_csvs(sample_build, tmp_path):
    """The scaled generator's layout: monthly Parquet payroll and billing files, the inventory
    as Parquet folders, every column VARCHAR; FOCUS 1.0 and 1.3 files in one glob."""
    root = tmp_path / "parquet"
    for folder in ["payroll", "billing", *(f"inventory/{t}" for t in INVENTORY)]:
        (root / folder).mkdir(parents=True)
    with duckdb.connect() as con:
        def split_by_month(source: Path, month_column: str, target: Path) -> None:
            con.execute(f"create or replace table t as select * from read_csv('{source}', header = true, "
                        f"all_varchar = true, nullstr = ['NULL', ''])")
            for (month,) in con.execute(f"select distinct substr({month_column}, 1, 7) from t").fetchall():
                con.execute(f"copy (select * from t where substr({month_column}, 1, 7) = '{month}') "
                            f"to '{target}_{month}.parquet' (format parquet)")

        for source in (PROJECT_ROOT / "data" / "sample" / "payroll").glob("*.csv"):
            split_by_month(source, "pay_period_end", root / "payroll" / source.stem)
        for source in (PROJECT_ROOT / "data" / "sample" / "billing").glob("*.csv"):
            split_by_month(source, "ChargePeriodStart", root / "billing" / source.stem)
        for table in INVENTORY:
            con.execute(f"copy (select * from read_csv('{PROJECT_ROOT / 'seeds' / table}.csv', header = true, "
                        f"all_varchar = true)) to '{root / 'inventory' / table / 'part-0.parquet'}' (format parquet)")
        types = con.execute(f"select distinct column_type from (describe select * from "
                            f"read_parquet('{root}/**/*.parquet', union_by_name = true))").fetchall()
        assert types == [("VARCHAR",)]

    build_floor(tmp_path / "floor.duckdb", payroll=str(root / "payroll" / "*.parquet"),
                billing=str(root / "billing" / "*.parquet"), inventory=str(root / "inventory"))
    result = compare(str(tmp_path / "floor.duckdb"), str(sample_build.database))
    assert result.identical, result.report()
