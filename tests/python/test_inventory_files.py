"""The decision inventory can come from files (an automated feed) instead of the seeds.

With var `inventory_path` set, the four inventory tables are read from
`<inventory_path>/<table>/*.parquet` (or `*.csv`). Fed the sample's own inventory as text
files, the build must give the same marts as the seed build; rows whose values do not parse
must be quarantined with a reason, never dropped and never fail the build.
"""

from __future__ import annotations

import duckdb
import pytest

from conftest import PROJECT_ROOT, run_dbt

TABLES = ["decision_log", "decision_edges", "decision_edge_participants", "decision_edge_tokens"]
MARTS = ["fct_coordination_edges", "fct_decisions", "rpt_quarterly_real_ai_cost", "rpt_quarterly_coordination_kpis",
         "rpt_decision_cost_by_segment", "fct_billing_charges", "dim_quarters"]
# rows a feed could send: one timestamp and one number that do not parse (on a decision the log
# does not have, so that no decision of the sample changes)
BAD_EDGES = [
    ("EDGE-FEED-BAD-DATE", "DEC-FEED-0001", "9", "H2H", "31/02/2026 10:00", "1", "0", ""),
    ("EDGE-FEED-BAD-NUMBER", "DEC-FEED-0001", "10", "H2A", "2026-02-10 10:00:00", "two", "0", ""),
]


@pytest.fixture(scope="module")
def feed_build(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("inventory_files")
    feed = workdir / "feed"
    with duckdb.connect() as connection:
        for table in TABLES:
            (feed / table).mkdir(parents=True)
            # the seed's rows as text, split in two files like a daily feed
            seed = f"read_csv('{PROJECT_ROOT / 'seeds' / table}.csv', header = true, all_varchar = true)"
            connection.execute(f"create table {table} as select * from {seed}")
            connection.execute(f"copy (select * from {table} limit 1000) to '{feed / table}/part_1.parquet' (format parquet)")
            connection.execute(f"copy (select * from {table} offset 1000) to '{feed / table}/part_2.parquet' (format parquet)")
        values = ", ".join(str(row) for row in BAD_EDGES)
        connection.execute(f"copy (select * from (values {values}) as t(edge_id, decision_id, edge_sequence, edge_type, "
                           "occurred_at, iterations, remediation_minutes, remediation_role)) "
                           f"to '{feed / 'decision_edges'}/part_3.parquet' (format parquet)")
    run = run_dbt(["build"], workdir, {"inventory_path": str(feed)})
    assert run.returncode == 0, run.output[-6000:]
    return run


def test_marts_from_files_equal_the_seed_build(feed_build, sample_build):
    with feed_build.connect() as connection:
        connection.execute(f"attach '{sample_build.database}' as seeds_build (read_only)")
        for mart in MARTS:
            for left, right in (("marts", "seeds_build.marts"), ("seeds_build.marts", "marts")):
                extra = connection.execute(
                    f"select count(*) from (select * from {left}.{mart} except all select * from {right}.{mart})"
                ).fetchall()[0][0]
                assert extra == 0, f"{mart}: {extra} rows of {left} are not in {right}"


def test_unparseable_feed_rows_are_quarantined_with_a_reason(feed_build, sample_db):
    with feed_build.connect() as connection:
        rows = connection.execute(
            "select row_key, quarantine_reason from marts.fct_quarantined_rows "
            "where input_name = 'decision_edges' and row_key like 'EDGE-FEED-%' order by row_key"
        ).fetchall()
        quarantined = connection.execute("select count(*) from marts.fct_quarantined_rows").fetchall()[0][0]
    assert rows == [("EDGE-FEED-BAD-DATE", "unparseable_date"), ("EDGE-FEED-BAD-NUMBER", "unparseable_number")]
    assert quarantined == sample_db.execute("select count(*) from marts.fct_quarantined_rows").fetchall()[0][0] + 2
