"""Run the floor: bench/floor.sql through the duckdb Python module.

    .venv/bin/python bench/floor.py [--payroll GLOB] [--billing GLOB] [--seeds DIR]
                                    [--inventory DIR] [--database PATH] [--threads N]

Builds schema `floor` (fct_coordination_edges, fct_decisions, rpt_quarterly_real_ai_cost,
rpt_quarterly_coordination_kpis) in --database (in-memory by default) and prints the wall
time and the row count of each mart. Paths are relative to the working directory, like
the dbt project's vars. See the header of floor.sql for what is (not) supported.
"""

from __future__ import annotations

import argparse
import glob as globlib
import os
import re
import sys
import time
from pathlib import Path

import duckdb

SCRIPT = Path(__file__).with_name("floor.sql")
MARTS = ["fct_coordination_edges", "fct_decisions", "rpt_quarterly_real_ai_cost", "rpt_quarterly_coordination_kpis"]
SEEDS = ["fx_rates", "role_rate_card", "job_title_role_map", "model_price_card", "billing_category_map",
         "reference_cost_shares", "company_quarterly_metrics"]
INVENTORY = ["decision_log", "decision_edges", "decision_edge_participants", "decision_edge_tokens"]


def sql_literal(text: str) -> str:
    """A SQL string literal (single quotes doubled)."""
    return "'" + str(text).replace("'", "''") + "'"


def export_reader(location: str) -> str:
    """The reader of a payroll or billing export, as the project's sources read it: CSV all
    varchar with 'NULL' and '' as null, or Parquet; unioned by column name."""
    if location.lower().endswith(".parquet"):
        return f"read_parquet({sql_literal(location)}, union_by_name = true)"
    return (f"read_csv({sql_literal(location)}, header = true, all_varchar = true, "
            f"nullstr = ['NULL', ''], union_by_name = true)")


def seed_reader(location: str) -> str:
    """A hand-kept CSV table, read as text like a dbt seed ('' and 'null' are null)."""
    return (f"read_csv({sql_literal(location)}, header = true, all_varchar = true, "
            f"nullstr = ['', 'null', 'NULL'], union_by_name = true)")


def inventory_reader(inventory: str | None, seeds: str, table: str) -> str:
    if inventory is None:
        return seed_reader(os.path.join(seeds, f"{table}.csv"))
    folder = os.path.join(inventory, table)
    parquet = os.path.join(folder, "*.parquet")
    if globlib.glob(parquet):
        return f"read_parquet({sql_literal(parquet)}, union_by_name = true)"
    csv = os.path.join(folder, "*.csv")
    if globlib.glob(csv):
        return seed_reader(csv)
    raise SystemExit(f"inventory table {table}: no *.parquet or *.csv file in {folder}")


def render(payroll: str, billing: str, seeds: str, inventory: str | None, min_employees: int) -> str:
    values = {
        "PAYROLL_SOURCE": export_reader(payroll),
        "BILLING_SOURCE": export_reader(billing),
        "MIN_EMPLOYEES": str(int(min_employees)),
        **{f"SEED_{name}": seed_reader(os.path.join(seeds, f"{name}.csv")) for name in SEEDS},
        **{f"INV_{name}": inventory_reader(inventory, seeds, name) for name in INVENTORY},
    }

    def substitute(match: re.Match) -> str:
        return values[match.group(1)]  # an unknown placeholder is a bug: KeyError

    return re.sub(r"__([A-Za-z0-9_]+?)__", substitute, SCRIPT.read_text())


def run_floor(payroll: str = "data/sample/payroll/*.csv", billing: str = "data/sample/billing/*.csv",
              seeds: str = "seeds", inventory: str | None = None, database: str = ":memory:",
              threads: int | None = None, min_employees: int = 5):
    """Build schema `floor` in `database`; return (seconds, {mart: rows}, connection).
    The connection is left open (an in-memory database lives only as long as it)."""
    sql = render(payroll, billing, seeds, inventory, min_employees)
    config = {"threads": int(threads)} if threads else {}
    con = duckdb.connect(":memory:", config=config)
    if database != ":memory:":
        # attached under a fixed name: a file called floor.duckdb would otherwise make
        # `floor.<table>` ambiguous (catalog floor or schema floor)
        con.execute(f"attach {sql_literal(database)} as floor_output")
        con.execute("use floor_output")
    started = time.perf_counter()
    con.execute(sql)
    seconds = time.perf_counter() - started
    counts = {mart: con.execute(f"select count(*) from floor.{mart}").fetchall()[0][0] for mart in MARTS}
    return seconds, counts, con


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payroll", default="data/sample/payroll/*.csv", help="payroll register file(s), CSV or Parquet")
    parser.add_argument("--billing", default="data/sample/billing/*.csv", help="FOCUS billing file(s), CSV or Parquet")
    parser.add_argument("--seeds", default="seeds", help="folder of the seed CSVs")
    parser.add_argument("--inventory", default=None,
                        help="folder with decision_log/, decision_edges/, decision_edge_participants/, "
                             "decision_edge_tokens/ (*.parquet or *.csv); default: the seed CSVs")
    parser.add_argument("--database", default=":memory:", help="DuckDB file to write schema floor into")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: DuckDB's)")
    parser.add_argument("--min-employees", type=int, default=5, help="min_employees_per_payroll_rate (default 5)")
    parser.add_argument("--print-sql", action="store_true", help="print the rendered script and exit")
    args = parser.parse_args(argv)
    if args.print_sql:
        print(render(args.payroll, args.billing, args.seeds, args.inventory, args.min_employees))
        return 0
    seconds, counts, con = run_floor(args.payroll, args.billing, args.seeds, args.inventory, args.database,
                                     args.threads, args.min_employees)
    con.close()
    print(f"floor: {seconds:.3f} s wall ({args.threads or 'default'} threads) -> {args.database}")
    for mart, rows in counts.items():
        print(f"  floor.{mart:<34} {rows:>10,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
