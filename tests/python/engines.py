"""Reading the marts of a build on DuckDB, PostgreSQL or Spark, and comparing them across engines.

Values are compared as values: decimals numerically (12.50 on one engine equals 12.5 on another,
so money must be equal to the cent and beyond), dates and timestamps as such, text as text.
Columns that label a row by a hash of the engine's own text rendering are left out (their
`EXCLUDED` entry says why); every other column of every mart must match, row for row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb

MARTS = [
    "dim_quarters",
    "dim_dates",
    "fct_coordination_edges",
    "fct_decisions",
    "fct_billing_charges",
    "fct_quarantined_rows",
    "rpt_quarterly_coordination_kpis",
    "rpt_quarterly_real_ai_cost",
    "rpt_decision_cost_by_segment",
    "rpt_quarterly_observed_vs_inventoried",
]

# row_hash is a 64-bit DuckDB hash on DuckDB and an md5 elsewhere (macros/row_fingerprint.sql);
# the billing charge key and the quarantine key of billing rows are built from it.
EXCLUDED = {
    "fct_billing_charges": {"charge_key"},
    "fct_quarantined_rows": {"quarantined_row_key", "row_key"},
}


def normalize(value):
    if isinstance(value, Decimal):
        return value.normalize() if value else Decimal(0)
    if isinstance(value, float):
        raise TypeError(f"a float reached a mart: {value!r} (money and ratios must be decimals)")
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


def rows_from_cursor(columns: list[str], rows, table: str) -> tuple[list[str], Counter]:
    columns = [name.lower() for name in columns]
    keep = [i for i, name in enumerate(columns) if name not in EXCLUDED.get(table, set())]
    names = sorted((columns[i], i) for i in keep)
    return [name for name, _ in names], Counter(tuple(normalize(row[i]) for _, i in names) for row in rows)


def read_duckdb(database: Path, table: str):
    with duckdb.connect(str(database), read_only=True) as connection:
        cursor = connection.execute(f"select * from marts.{table}")
        return rows_from_cursor([d[0] for d in cursor.description], cursor.fetchall(), table)


def read_postgres(settings: dict, table: str):
    import psycopg2

    with psycopg2.connect(host=settings["host"], port=settings["port"], user=settings["user"],
                          dbname=settings["database"]) as connection, connection.cursor() as cursor:
        cursor.execute(f"select * from marts.{table}")
        return rows_from_cursor([d[0] for d in cursor.description], cursor.fetchall(), table)


def read_spark_warehouse(warehouse: Path, table: str):
    """A Spark table of the local warehouse, read from its Parquet files (partition columns from the paths)."""
    folder = warehouse / "marts.db" / table
    with duckdb.connect() as connection:
        cursor = connection.execute(
            f"select * from read_parquet('{folder.as_posix()}/**/*.parquet', hive_partitioning = true)"
        )
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    return rows_from_cursor(columns, rows, table)


def differences(expected, actual, limit: int = 5) -> list[str]:
    """Human-readable differences between two (columns, rows) readings; [] when equal."""
    expected_columns, expected_rows = expected
    actual_columns, actual_rows = actual
    if expected_columns != actual_columns:
        return [f"columns differ: {sorted(set(expected_columns) ^ set(actual_columns))}"]
    problems = []
    if sum(expected_rows.values()) != sum(actual_rows.values()):
        problems.append(f"{sum(expected_rows.values())} rows vs {sum(actual_rows.values())}")
    only_expected = list((expected_rows - actual_rows).elements())
    only_actual = list((actual_rows - expected_rows).elements())
    for row in only_expected[:limit]:
        problems.append("only in the reference: " + ", ".join(f"{c}={v}" for c, v in zip(expected_columns, row)))
    for row in only_actual[:limit]:
        problems.append("only in the other engine: " + ", ".join(f"{c}={v}" for c, v in zip(actual_columns, row)))
    if only_expected or only_actual:
        problems.append(f"{len(only_expected)} rows only in the reference, {len(only_actual)} only in the other engine")
    return problems


def test_results(output: str) -> dict[str, str]:
    """`name -> status` of every data test a dbt build printed (PASS, WARN n, FAIL n, ERROR)."""
    import re

    results = {}
    pattern = re.compile(r"\d+ of \d+ (PASS|WARN \d+|FAIL \d+|ERROR) ([\w:.]+) ")
    for match in pattern.finditer(output):
        results[match.group(2)] = match.group(1)
    return results


# a FOCUS export with the faults staging must quarantine the same way on every engine
BAD_BILLING_CSV = """\
BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ServiceCategory,ServiceName,ServiceProviderName,Tags
10.50,10.50,10.50,USD,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,Usage,,Compute,EC2,AWS,"{""team"": ""ai""}"
12.25,12.25,12.25,USD,2026-03-31T23:00:00-05:00,2026-04-01T00:00:00-05:00,Usage,,Compute,EC2,AWS,
abc,1.00,1.00,USD,2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,Usage,,Compute,EC2,AWS,
1.00,1.00,1.00,USD,yesterday,2026-03-03T00:00:00Z,Usage,,Compute,EC2,AWS,
2.00,2.00,2.00,USD,2026-03-04T00:00:00Z,2026-03-05T00:00:00Z,Usage,,Compute,EC2,AWS,{not json
3.00,3.00,3.00,US,2026-03-05T00:00:00Z,2026-03-06T00:00:00Z,Usage,,Compute,EC2,AWS,
4.00,4.00,4.00,USD,2026-03-07T00:00:00Z,2026-03-06T00:00:00Z,Usage,,Compute,EC2,AWS,
0.0000000001,0.0000000001,0.0000000001,USD,2026-03-08 00:00:00,2026-03-09 00:00:00,Usage,Correction,AI and Machine Learning,Bedrock,AWS,
4.00,4.00,4.00,USD,2026-03-07T00:00:00Z,2026-03-06T00:00:00Z,Usage,,Compute,EC2,AWS,
"""

STAGED_COLUMNS = ("billed_cost, effective_cost, charge_period_start, charge_date, quarter_start, "
                  "has_invalid_tags, is_adjustment, quarantine_reason, fingerprint_occurrence")


def staged_billing(rows: list[tuple]) -> Counter:
    return Counter(tuple(normalize(value) for value in row) for row in rows)


def assert_expected_bad_billing(staged: Counter) -> None:
    """The reference (DuckDB) reading of BAD_BILLING_CSV is itself what the rules say."""
    import datetime as dt

    reasons = sorted(str(row[7]) for row in staged.elements())
    assert reasons == sorted(["None"] * 4 + ["unparseable_number", "unparseable_date", "invalid_currency",
                                             "period_end_before_start", "duplicate_reexport"])
    by_cost = {row[0]: row for row in staged.elements() if row[7] is None}
    # the offset is applied: 23:00 at UTC-5 on March 31 is April 1, 04:00 UTC, in the second quarter
    assert by_cost[Decimal("12.25")][2] == dt.datetime(2026, 4, 1, 4, 0)
    assert by_cost[Decimal("12.25")][4] == dt.date(2026, 4, 1)
    assert by_cost[Decimal("2")][5] is True  # invalid Tags JSON is flagged, the row kept
    assert by_cost[Decimal("1E-10")][6] is True  # a correction, costed to ten decimal places
