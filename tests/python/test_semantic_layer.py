"""The semantic layer answers the five core metrics with the marts' figures.

Runs MetricFlow's own CLI (`mf query`, `mf validate-configs`) against the sample build:
every metric by `metric_time__fiscal_quarter` must equal `rpt_quarterly_coordination_kpis`
(money to the cent, ratios to the mart's decimals), the QBR saved queries must equal
`rpt_quarterly_real_ai_cost` and `rpt_decision_cost_by_segment`, and the SQL MetricFlow
generates must keep money in decimals.

`mf` reads `target/semantic_manifest.json` under the folder it runs in and connects through
profiles.yml, so each test module runs it in a folder of its own holding the project files,
the sample build's semantic manifest and a copy of its DuckDB file (a copy: the session's
read-only connection to the sample warehouse would block MetricFlow's).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT

MF = str(Path(sys.executable).with_name("mf"))
CENT = Decimal("0.01")

# metric -> (column of rpt_quarterly_coordination_kpis, how to compare)
#   "cent": round the metric to cents, equal exactly;  "count": equal integers;
#   a Decimal: the largest allowed gap (half a unit of the mart's last decimal, or one unit where
#   the mart subtracts two already rounded ratios).
KPI_COLUMNS = {
    "cost_per_decision_median": ("cost_per_decision_median_usd", "cent"),
    "cost_per_decision_p90": ("cost_per_decision_p90_usd", "cent"),
    "decisions_ratified": ("decisions_ratified", "count"),
    "coordination_cost": ("coordination_cost_usd", "cent"),
    "ai_infrastructure_cost": ("ai_infrastructure_usd", "cent"),
    "adjacency_cloud_cost": ("adjacency_cloud_usd", "cent"),
    "real_ai_cost": ("real_ai_cost_usd", "cent"),
    "coordination_share": ("coordination_share", Decimal("0.0000005")),
    "coordination_multiplier": ("coordination_multiplier", Decimal("0.00005")),
    "h2h_share_of_coordination": ("h2h_share_of_coordination", Decimal("0.0000005")),
    "h2a_share_of_coordination": ("h2a_share_of_coordination", Decimal("0.0000005")),
    "a2h_share_of_coordination": ("a2h_share_of_coordination", Decimal("0.0000005")),
    "a2a_share_of_coordination": ("a2a_share_of_coordination", Decimal("0.0000005")),
    "iterations_per_decision": ("iterations_per_decision", Decimal("0.00005")),
    "revenue": ("revenue_usd", "cent"),
    "headcount": ("headcount_fte", "cent"),
    "coordination_growth_qoq": ("coordination_growth_qoq", Decimal("0.0000005")),
    "revenue_growth_qoq": ("revenue_growth_qoq", Decimal("0.0000005")),
    "headcount_growth_qoq": ("headcount_growth_qoq", Decimal("0.0000005")),
    "coordination_minus_revenue_growth": ("coordination_minus_revenue_growth", Decimal("0.000001")),
    "coordination_minus_headcount_growth": ("coordination_minus_headcount_growth", Decimal("0.000001")),
}
MONEY_METRICS = ["coordination_cost", "ai_infrastructure_cost", "adjacency_cloud_cost", "real_ai_cost"]
REAL_COST_ROWS = {
    "ai_infrastructure": "ai_infrastructure_cost",
    "adjacency_cloud": "adjacency_cloud_cost",
    "h2h": "h2h_cost",
    "a2h": "a2h_cost",
    "h2a": "h2a_cost",
    "a2a": "a2a_cost",
}
# MetricFlow adds a tiny float error to ratios; it must never reach the last decimal the mart keeps
FLOAT_NOISE = Decimal("0.000000001")


class MetricFlow:
    def __init__(self, root: Path, database: Path):
        self.root, self.database = root, database

    def run(self, *args: str) -> str:
        env = dict(os.environ, COORD_FINOPS_DUCKDB_PATH=str(self.database), DBT_PROFILES_DIR=str(self.root))
        result = subprocess.run([MF, *args], cwd=self.root, env=env, capture_output=True, text=True, timeout=300)
        output = result.stdout + result.stderr
        assert result.returncode == 0 and "ERROR:" not in output, f"mf {' '.join(args)} failed:\n{output[-4000:]}"
        return output

    def query(self, *args: str) -> list[dict[str, str]]:
        out = self.root / "query.csv"
        out.unlink(missing_ok=True)
        self.run("query", *args, "--csv", str(out))
        with out.open(newline="") as handle:
            return list(csv.DictReader(handle))

    def sql(self, *args: str) -> str:
        output = self.run("query", *args, "--explain")
        marker = "SQL (remove --explain"
        assert marker in output, output[-2000:]
        return output.split(marker, 1)[1].split("\n", 1)[1].strip()


@pytest.fixture(scope="module")
def mf(sample_build, tmp_path_factory) -> MetricFlow:
    root = tmp_path_factory.mktemp("metricflow")
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(PROJECT_ROOT / name, root / name)
    (root / "target").mkdir()
    shutil.copy(sample_build.database.parent / "target" / "semantic_manifest.json", root / "target")
    # the manifest names the database after the file it was built in: keep the file name
    database = root / sample_build.database.name
    shutil.copy(sample_build.database, database)
    return MetricFlow(root, database)


def quarter_of(row: dict[str, str]) -> str:
    return row["metric_time__fiscal_quarter"][:10]


def to_cents(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def assert_equal(metric: str, quarter: str, mf_value: str, mart_value, rule) -> None:
    where = f"{metric} in {quarter}: mf {mf_value!r}, mart {mart_value!r}"
    if mart_value is None or mf_value == "":
        assert mart_value is None and mf_value == "", where
    elif rule == "cent":
        assert to_cents(mf_value) == mart_value, where
    elif rule == "count":
        assert Decimal(mf_value) == mart_value, where
    else:
        assert abs(Decimal(mf_value) - mart_value) <= rule + FLOAT_NOISE, where


def test_semantic_manifest_passes_metricflow_validation(mf):
    output = mf.run("validate-configs", "--skip-dw")
    assert "ERRORS: 0" in output and "WARNINGS: 0" in output, output[-2000:]


def test_every_core_metric_by_quarter_equals_the_kpi_mart(mf, sample_db):
    rows = mf.query("--metrics", ",".join(KPI_COLUMNS), "--group-by", "metric_time__fiscal_quarter")
    by_quarter = {quarter_of(row): row for row in rows}
    columns = [column for column, _ in KPI_COLUMNS.values()]
    mart = sample_db.execute(
        f"select cast(quarter_start as varchar), {', '.join(columns)} "
        "from marts.rpt_quarterly_coordination_kpis order by quarter_start"
    ).fetchall()
    assert len(mart) == 4 and sorted(by_quarter) == [row[0] for row in mart]
    for quarter, *values in mart:
        for (metric, (_, rule)), mart_value in zip(KPI_COLUMNS.items(), values):
            assert_equal(metric, quarter, by_quarter[quarter][metric], mart_value, rule)


def test_money_stays_decimal_in_the_sql_metricflow_generates(mf, sample_db):
    """The CSV writer of `mf` prints floats; the warehouse itself must sum decimals, exactly."""
    sql = mf.sql("--metrics", ",".join(MONEY_METRICS), "--group-by", "metric_time__fiscal_quarter")
    with duckdb.connect(str(mf.database), read_only=True) as connection:
        result = connection.execute(sql)
        names = [column[0] for column in result.description]
        rows = result.fetchall()
    mart = {
        str(row[0]): row[1:]
        for row in sample_db.execute(
            "select quarter_start, coordination_cost_usd, ai_infrastructure_usd, adjacency_cloud_usd, real_ai_cost_usd "
            "from marts.rpt_quarterly_coordination_kpis"
        ).fetchall()
    }
    assert len(rows) == len(mart) == 4
    for row in rows:
        record = dict(zip(names, row))
        quarter = str(record["metric_time__fiscal_quarter"])[:10]
        for metric, mart_value in zip(MONEY_METRICS, mart[quarter]):
            assert isinstance(record[metric], Decimal), f"{metric} is {type(record[metric]).__name__}, not a decimal"
            assert record[metric].quantize(CENT, rounding=ROUND_HALF_UP) == mart_value, (metric, quarter)


def test_real_cost_saved_query_equals_the_article_table(mf, sample_db):
    rows = mf.query("--saved-query", "qbr_real_cost_of_ai")
    by_quarter = {quarter_of(row): row for row in rows}
    mart = sample_db.execute(
        "select cast(quarter_start as varchar), cost_category, cost_usd, real_ai_cost_usd "
        "from marts.rpt_quarterly_real_ai_cost"
    ).fetchall()
    assert len(mart) == 24 and len(by_quarter) == 4
    for quarter, category, cost_usd, real_ai_cost_usd in mart:
        row = by_quarter[quarter]
        assert to_cents(row[REAL_COST_ROWS[category]]) == cost_usd, (quarter, category)
        assert to_cents(row["real_ai_cost"]) == real_ai_cost_usd, quarter


def test_segment_saved_query_equals_the_segment_mart(mf, sample_db):
    rows = mf.query("--saved-query", "qbr_cost_per_decision_by_segment")
    got = {
        (quarter_of(row), row["decision__decision_type"], row["decision__department"]): row
        for row in rows
        if row["decisions_ratified"] not in ("", "0")
    }
    mart = sample_db.execute(
        "select cast(quarter_start as varchar), decision_type, department, decisions_ratified, "
        "cost_per_decision_median_usd, cost_per_decision_p90_usd from marts.rpt_decision_cost_by_segment"
    ).fetchall()
    assert len(mart) > 50 and sorted(got) == sorted(row[:3] for row in mart)
    for quarter, decision_type, department, count, median, p90 in mart:
        row = got[(quarter, decision_type, department)]
        assert int(Decimal(row["decisions_ratified"])) == count
        assert to_cents(row["cost_per_decision_median"]) == median, (quarter, decision_type, department)
        assert to_cents(row["cost_per_decision_p90"]) == p90, (quarter, decision_type, department)


def test_headcount_is_a_stock_and_revenue_a_flow_over_a_year(mf, sample_db):
    rows = mf.query("--metrics", "revenue,headcount", "--group-by", "metric_time__year")
    assert len(rows) == 1
    revenue_total, last_headcount = sample_db.execute(
        "select sum(revenue_usd), arg_max(headcount_fte, quarter_start) from marts.dim_quarters"
    ).fetchall()[0]
    assert to_cents(rows[0]["revenue"]) == revenue_total
    assert to_cents(rows[0]["headcount"]) == last_headcount
