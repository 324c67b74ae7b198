"""Every build writes the marts as Parquet and CSV for BI tools that cannot open DuckDB."""

from __future__ import annotations

import duckdb

MARTS = ["fct_coordination_edges", "fct_decisions", "rpt_quarterly_real_ai_cost", "rpt_quarterly_coordination_kpis",
         "rpt_decision_cost_by_segment", "dim_quarters", "dim_dates", "fct_billing_charges", "fct_quarantined_rows"]


def test_every_mart_is_exported_with_its_rows_and_decimal_money(sample_build, sample_db):
    exports = sample_build.database.parent / "exports"
    with duckdb.connect() as reader:
        for mart in MARTS:
            expected_rows = sample_db.execute(f"select count(*) from marts.{mart}").fetchone()[0]
            parquet = exports / f"{mart}.parquet"
            csv = exports / f"{mart}.csv"
            assert parquet.exists() and csv.exists(), mart
            assert reader.execute(f"select count(*) from read_parquet('{parquet}')").fetchone()[0] == expected_rows
            assert reader.execute(f"select count(*) from read_csv('{csv}')").fetchone()[0] == expected_rows
        types = dict(reader.execute(
            f"select column_name, column_type from (describe select * from read_parquet('{exports}/fct_decisions.parquet'))"
        ).fetchall())
        assert types["total_cost_usd"] == "DECIMAL(18,6)"
        exported_total = reader.execute(
            f"select sum(total_cost_usd) from read_parquet('{exports}/fct_decisions.parquet')").fetchone()[0]
    assert exported_total == sample_db.execute("select sum(total_cost_usd) from marts.fct_decisions").fetchone()[0]
