"""Compare the floor's marts with a dbt warehouse's.

    .venv/bin/python bench/compare.py FLOOR_DB WAREHOUSE_DB [--examples N]

FLOOR_DB holds schema `floor` (bench/floor.py --database), WAREHOUSE_DB schema `marts`
(a dbt build). For each of the four marts it checks: the same columns and types, the same
row count, the same keys (no duplicates, none on one side only) and, row by row, every
column equal. Money is compared exactly at its contract scale: to the cent for the rpt_
cents columns, to the sixth decimal for the fct_ columns; bands, ratios, counts, labels
and flags exactly too. Prints a report with the first differences and exits 1 if any.

Both files are opened read-only (ATTACH ... READ_ONLY), so a session may keep its own
read-only connection to either.

    from bench.compare import compare
    result = compare("floor.duckdb", "warehouse.duckdb")
    assert result.identical, result.report()
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field

import duckdb

KEYS = {
    "fct_coordination_edges": ["edge_id"],
    "fct_decisions": ["decision_id"],
    "rpt_quarterly_real_ai_cost": ["quarter_start", "cost_category"],
    "rpt_quarterly_coordination_kpis": ["quarter_start"],
}

# Columns the floor does not compute: the observed edges (calendars, agent telemetry) are a source
# of their own, not part of the four marts' inventory and billing arithmetic the floor re-does.
NOT_IN_FLOOR = {
    "fct_decisions": {"inventoried_meeting_minutes", "inventoried_observable_cost_usd", "observation_status",
                      "observed_meeting_minutes", "observed_meeting_cost_usd", "observed_token_cost_usd",
                      "observed_cost_usd", "observed_variance_pct", "observed_variance_band",
                      "observed_not_measured_reason"},
}


@dataclass
class MartResult:
    mart: str
    floor_rows: int = 0
    dbt_rows: int = 0
    problems: list[str] = field(default_factory=list)  # one line each; empty = identical
    columns_compared: int = 0


@dataclass
class Comparison:
    marts: list[MartResult]

    @property
    def identical(self) -> bool:
        return all(not m.problems for m in self.marts)

    @property
    def differences(self) -> list[str]:
        return [f"{m.mart}: {p}" for m in self.marts for p in m.problems]

    def report(self) -> str:
        lines = []
        for m in self.marts:
            status = "identical" if not m.problems else f"{len(m.problems)} difference(s)"
            lines.append(f"{m.mart:<34} floor {m.floor_rows:>9,} rows | dbt {m.dbt_rows:>9,} rows | "
                         f"{m.columns_compared} columns | {status}")
            lines.extend(f"    - {p}" for p in m.problems)
        lines.append("RESULT: the four marts are identical" if self.identical
                     else f"RESULT: DIFFERENT ({len(self.differences)} difference(s))")
        return "\n".join(lines)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _columns(con, catalog: str, schema: str, table: str) -> dict[str, str]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = ? and table_name = ? order by ordinal_position",
        [catalog, schema, table],
    ).fetchall()
    return dict(rows)


def _compare_mart(con, mart: str, floor: str, dbt: str, examples: int) -> MartResult:
    result = MartResult(mart)
    keys = KEYS[mart]
    floor_cols = _columns(con, "floor_db", "floor", mart)
    dbt_cols = {name: kind for name, kind in _columns(con, "dbt_db", "marts", mart).items()
                if name not in NOT_IN_FLOOR.get(mart, set())}
    if not floor_cols:
        result.problems.append("missing in the floor database (schema floor)")
    if not dbt_cols:
        result.problems.append("missing in the dbt warehouse (schema marts)")
    if result.problems:
        return result

    for name in dbt_cols.keys() - floor_cols.keys():
        result.problems.append(f"column {name} is missing in the floor")
    for name in floor_cols.keys() - dbt_cols.keys():
        result.problems.append(f"column {name} is only in the floor")
    common = [c for c in dbt_cols if c in floor_cols]
    for name in common:
        if floor_cols[name] != dbt_cols[name]:
            result.problems.append(f"column {name}: type {floor_cols[name]} in the floor, {dbt_cols[name]} in dbt")
    if any(k not in common for k in keys):
        result.problems.append(f"key column(s) {keys} missing: rows not compared")
        return result

    key_list = ", ".join(_quote(k) for k in keys)
    result.floor_rows = con.execute(f"select count(*) from {floor}").fetchall()[0][0]
    result.dbt_rows = con.execute(f"select count(*) from {dbt}").fetchall()[0][0]
    if result.floor_rows != result.dbt_rows:
        result.problems.append(f"row count: floor {result.floor_rows:,}, dbt {result.dbt_rows:,}")
    for side, relation in (("floor", floor), ("dbt", dbt)):
        duplicated = con.execute(
            f"select {key_list}, count(*) from {relation} group by all having count(*) > 1 limit {examples}"
        ).fetchall()
        if duplicated:
            result.problems.append(f"duplicate keys in {side}: {duplicated}")

    on = " and ".join(f"f.{_quote(k)} = d.{_quote(k)}" for k in keys)
    values = [c for c in common if c not in keys]
    result.columns_compared = len(common)
    counts = ", ".join(
        [f"count(*) filter (where d.{_quote(keys[0])} is null)",
         f"count(*) filter (where f.{_quote(keys[0])} is null)"]
        + [f"count(*) filter (where f.{_quote(keys[0])} is not null and d.{_quote(keys[0])} is not null "
           f"and f.{_quote(c)} is distinct from d.{_quote(c)})" for c in values]
    )
    joined = f"{floor} as f full outer join {dbt} as d on {on}"
    only_floor, only_dbt, *mismatches = con.execute(f"select {counts} from {joined}").fetchall()[0]
    for side, count, alias in (("floor", only_floor, "f"), ("dbt", only_dbt, "d")):
        if count:
            other = "d" if alias == "f" else "f"
            sample = con.execute(
                f"select {', '.join(f'{alias}.{_quote(k)}' for k in keys)} from {joined} "
                f"where {other}.{_quote(keys[0])} is null order by all limit {examples}"
            ).fetchall()
            result.problems.append(f"{count:,} key(s) only in the {side}, e.g. {sample}")
    for column, count in zip(values, mismatches):
        if count:
            sample = con.execute(
                f"select {', '.join(f'f.{_quote(k)}' for k in keys)}, f.{_quote(column)}, d.{_quote(column)} "
                f"from {floor} as f inner join {dbt} as d on {on} "
                f"where f.{_quote(column)} is distinct from d.{_quote(column)} "
                f"order by {', '.join(f'f.{_quote(k)}' for k in keys)} limit {examples}"
            ).fetchall()
            shown = "; ".join(f"{tuple(r[:len(keys)]) if len(keys) > 1 else r[0]}: floor {r[-2]!s} vs dbt {r[-1]!s}"
                              for r in sample)
            result.problems.append(f"{column} differs on {count:,} row(s): {shown}")
    return result


def compare(floor_database: str, warehouse_database: str, examples: int = 5) -> Comparison:
    """Compare schema `floor` of `floor_database` with schema `marts` of `warehouse_database`."""
    con = duckdb.connect()  # in-memory; both files are attached read-only
    try:
        con.execute(f"attach {_literal(floor_database)} as floor_db (read_only)")
        con.execute(f"attach {_literal(warehouse_database)} as dbt_db (read_only)")
        return Comparison([
            _compare_mart(con, mart, f"floor_db.floor.{mart}", f"dbt_db.marts.{mart}", examples) for mart in KEYS
        ])
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("floor_database", help="DuckDB file with schema floor (bench/floor.py --database)")
    parser.add_argument("warehouse_database", help="DuckDB file with schema marts (a dbt build)")
    parser.add_argument("--examples", type=int, default=5, help="differences shown per check (default 5)")
    args = parser.parse_args(argv)
    result = compare(args.floor_database, args.warehouse_database, args.examples)
    print(f"floor: {args.floor_database}\ndbt:   {args.warehouse_database}")
    print(result.report())
    return 0 if result.identical else 1


if __name__ == "__main__":
    sys.exit(main())
