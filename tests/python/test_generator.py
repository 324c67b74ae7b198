"""The sample-company generator is deterministic and the committed sample is its output."""

from __future__ import annotations

import filecmp
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_ROOT

from coordination_finops.generate import generate
from coordination_finops.scale import Size, generate_scaled

GENERATED = [
    "seeds/decision_log.csv", "seeds/decision_edges.csv", "seeds/decision_edge_participants.csv",
    "seeds/decision_edge_tokens.csv", "seeds/role_rate_card.csv", "seeds/model_price_card.csv",
    "seeds/job_title_role_map.csv", "seeds/company_quarterly_metrics.csv",
    "data/sample/payroll/payroll_register_2026.csv", "data/sample/billing/aws_focus_1_0_2026.csv",
    "data/sample/billing/ai_vendors_focus_1_3_2026.csv",
    "seeds/calendar_attendee_roles.csv", "data/sample/calendar/northwind_calendar_2026.ics",
    "data/sample/calendar/outlook_export_2026_q4.csv", "data/sample/telemetry/litellm_spend_logs_2026.csv",
    "data/sample/telemetry/otel_genai_spans_2026.jsonl",
]


def test_same_seed_writes_identical_files(tmp_path: Path):
    generate(tmp_path / "a", seed=7)
    generate(tmp_path / "b", seed=7)
    for name in GENERATED:
        assert filecmp.cmp(tmp_path / "a" / name, tmp_path / "b" / name, shallow=False), name


def test_another_seed_writes_another_company(tmp_path: Path):
    generate(tmp_path / "a", seed=7)
    generate(tmp_path / "b", seed=8)
    assert not filecmp.cmp(tmp_path / "a/seeds/decision_edges.csv", tmp_path / "b/seeds/decision_edges.csv",
                           shallow=False)


def test_committed_sample_is_the_generator_output(tmp_path: Path):
    summary = generate(tmp_path)
    for name in GENERATED:
        assert filecmp.cmp(tmp_path / name, PROJECT_ROOT / name, shallow=False), (
            f"{name} differs from the generator's output: run `make sample` and commit")
    assert 3000 <= summary["decisions"] <= 5000
    assert 1500 <= summary["median_decision_cost"] < 3000


# ---- scaled companies (coordination_finops/scale.py): a small size keeps these fast
SMALL = dict(fte=200, months=2)
INVENTORY = ["decision_log", "decision_edges", "decision_edge_participants", "decision_edge_tokens"]
MONTHS = ["2026_01", "2026_02"]


def scaled_files(fmt: str) -> list[str]:
    names = [f"payroll/payroll_register_{m}.{fmt}" for m in MONTHS]
    names += [f"billing/{b}_{m}.{fmt}" for b in ("aws_focus_1_0", "ai_vendors_focus_1_3") for m in MONTHS]
    names += [f"inventory/{t}/{t}_{m}.{fmt}" for t in INVENTORY for m in MONTHS]
    names += [f"seeds/{s}.csv" for s in ("role_rate_card", "model_price_card", "fx_rates", "job_title_role_map",
                                         "billing_category_map", "company_quarterly_metrics",
                                         "reference_cost_shares")]
    return names


@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    """Runs of the scaled generator, by (seed, grain, format, fte), written once for the module."""
    root = tmp_path_factory.mktemp("scaled")
    runs: dict[tuple, Path] = {}

    def run(seed: int = 7, grain: str = "hour", fmt: str = "parquet", fte: int = SMALL["fte"], tag: str = "") -> Path:
        key = (seed, grain, fmt, fte, tag)
        if key not in runs:
            out = root / "-".join(map(str, key))
            generate_scaled(Size(fte=fte, months=SMALL["months"], grain=grain, fmt=fmt, seed=seed), out,
                            root, progress=False)
            runs[key] = out
        return runs[key]

    return run


def table_rows(path: Path) -> list[tuple]:
    with duckdb.connect() as db:
        if path.suffix == ".parquet":
            return db.sql(f"select * from read_parquet('{path}')").fetchall()
        return db.sql(f"select * from read_csv('{path}', header = true, all_varchar = true, "
                      "nullstr = ['NULL', ''])").fetchall()


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_scaled_same_seed_writes_identical_files(scaled, fmt):
    first, second = scaled(fmt=fmt), scaled(fmt=fmt, tag="again")
    for name in scaled_files(fmt):
        if filecmp.cmp(first / name, second / name, shallow=False):
            continue
        assert fmt == "parquet", f"{name} differs between two runs with the same seed"
        assert table_rows(first / name) == table_rows(second / name), name


def test_scaled_another_seed_writes_another_company(scaled):
    name = "inventory/decision_edges/decision_edges_2026_01.parquet"
    assert table_rows(scaled(seed=7) / name) != table_rows(scaled(seed=8) / name)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_scaled_layout_and_columns_are_the_samples(scaled, fmt):
    out = scaled(fmt=fmt)
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == sorted(
        [*scaled_files(fmt), "summary.json"])
    headers = {"payroll": "data/sample/payroll/payroll_register_2026.csv",
               "billing/aws": "data/sample/billing/aws_focus_1_0_2026.csv",
               "billing/ai_vendors": "data/sample/billing/ai_vendors_focus_1_3_2026.csv",
               **{f"inventory/{t}/": f"seeds/{t}.csv" for t in INVENTORY}}
    with duckdb.connect() as db:
        for name in scaled_files(fmt):
            expected = next((h for prefix, h in headers.items() if name.startswith(prefix)), f"seeds/{Path(name).name}")
            header = (PROJECT_ROOT / expected).read_text(encoding="utf-8").splitlines()[0].split(",")
            if name.endswith(".csv"):
                assert (out / name).read_text(encoding="utf-8").splitlines()[0].split(",") == header, name
            else:  # Parquet: the same columns, all text, as a CSV read with all_varchar
                described = db.sql(f"describe select * from read_parquet('{out / name}')").fetchall()
                assert [c[0] for c in described] == header, name
                assert {c[1] for c in described} == {"VARCHAR"}, name
    summary = json.loads((out / "summary.json").read_text())
    assert {k: summary[k] for k in ("fte", "months", "billing_grain", "seed", "format")} == {
        "fte": 200, "months": 2, "billing_grain": "hour", "seed": 7, "format": fmt}
    assert summary["rows"]["decision_edges"] > 0 and "wall_seconds" in summary


def test_parquet_and_csv_hold_the_same_rows(scaled):
    """Both formats read the same through the staging's readers (CSV: all_varchar, NULL and empty as null)."""
    for name in scaled_files("parquet"):
        if name.startswith("seeds/"):
            continue
        assert table_rows(scaled(fmt="parquet") / name) == table_rows(
            scaled(fmt="csv") / name.replace(".parquet", ".csv")), name


def test_hourly_rows_sum_exactly_to_the_daily_amounts(scaled):
    """The hourly export of a seed, summed per file, resource, SKU, charge and day, equals its
    daily export to the last of ten decimals (costs and quantities)."""
    query = """
        select regexp_extract(filename, '(aws|ai_vendors)_focus', 1) as file, ResourceId, SkuId, ChargeClass,
               ChargeCategory, cast(ChargePeriodStart as date) as day,
               sum(cast(BilledCost as decimal(38, 10))) as billed,
               sum(cast(EffectiveCost as decimal(38, 10))) as effective,
               sum(cast(ListCost as decimal(38, 10))) as list,
               sum(cast(ConsumedQuantity as decimal(38, 10))) as quantity,
               count(*) as line_items
        from read_parquet('{}/billing/*.parquet', filename = true)
        group by all order by all"""
    with duckdb.connect() as db:
        hourly = db.sql(query.format(scaled(grain="hour"))).fetchall()
        daily = db.sql(query.format(scaled(grain="day"))).fetchall()
        periods = db.sql(f"""
            select distinct date_diff('minute', cast(ChargePeriodStart as timestamp),
                                      cast(ChargePeriodEnd as timestamp)) as minutes
            from read_parquet('{scaled(grain="hour")}/billing/*.parquet')
            where ChargeCategory = 'Usage' and ChargeClass is null""").fetchall()
    assert [r[:-1] for r in hourly] == [r[:-1] for r in daily]
    assert {r[-1] for r in hourly} <= {1, 24, 48}  # one-off lines, hours of a day, a re-exported day
    assert {r[-1] for r in daily} <= {1, 2}
    assert periods == [(60,)]


def test_hourly_amounts_are_decimal_in_python_too(scaled):
    """The same check without SQL decimals: each day's hours, summed as Python Decimals."""
    out = scaled(grain="hour")
    with duckdb.connect() as db:
        rows = db.sql(f"select ResourceId, SkuId, ChargeClass, left(ChargePeriodStart, 10), BilledCost "
                      f"from read_parquet('{out}/billing/aws_focus_1_0_2026_01.parquet')").fetchall()
        days = db.sql(f"select ResourceId, SkuId, ChargeClass, left(ChargePeriodStart, 10), BilledCost "
                      f"from read_parquet('{scaled(grain='day')}/billing/aws_focus_1_0_2026_01.parquet')").fetchall()
    hourly: dict[tuple, Decimal] = {}
    for *key, cost in rows:
        hourly[tuple(key)] = hourly.get(tuple(key), Decimal(0)) + Decimal(cost)
    daily: dict[tuple, Decimal] = {}
    for *key, cost in days:
        daily[tuple(key)] = daily.get(tuple(key), Decimal(0)) + Decimal(cost)
    assert hourly == daily


def test_rows_scale_with_the_company(scaled):
    small = json.loads((scaled(fte=500) / "summary.json").read_text())["rows"]
    large = json.loads((scaled(fte=1000) / "summary.json").read_text())["rows"]
    for table in ("payroll_register", "decision_log", "decision_edges", "decision_edge_participants",
                  "aws_focus", "ai_vendors_focus"):
        assert 1.8 <= large[table] / small[table] <= 2.2, (table, small[table], large[table])


def test_scaled_company_is_as_realistic_as_the_sample(scaled):
    summary = json.loads((scaled(fte=1000) / "summary.json").read_text())
    assert 1500 <= summary["median_decision_cost_usd"] < 3000
    reference = {"ai_infrastructure": (0.08, 0.12), "adjacency_cloud": (0.04, 0.07), "h2h": (0.45, 0.55),
                 "a2h": (0.18, 0.26), "h2a": (0.10, 0.16), "a2a": (0.03, 0.07)}
    for quarter, shares in summary["category_shares_by_quarter"].items():
        for category, (low, high) in reference.items():
            assert low <= shares[category] <= high, (quarter, category, shares[category])


def test_scaled_run_refuses_the_projects_seeds_and_sample(tmp_path):
    for target in ("seeds", "data/sample", "data"):
        with pytest.raises(SystemExit):
            generate_scaled(Size(fte=20, months=1), tmp_path / target, tmp_path, progress=False)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit):
        generate_scaled(Size(fte=20, months=1), tmp_path / "elsewhere", tmp_path, progress=False)


def test_months_run_into_the_next_year(tmp_path):
    out = tmp_path / "long"
    summary = generate_scaled(Size(fte=20, months=14, fmt="csv"), out, tmp_path, progress=False)
    assert summary["last_month"] == "2027-02"
    assert (out / "billing/aws_focus_1_0_2027_02.csv").exists()
    assert (out / "inventory/decision_log/decision_log_2027_02.csv").read_text().count("DEC-2027-") > 0
    rate_card = (out / "seeds/role_rate_card.csv").read_text()
    assert "2027-01-01,2028-01-01" in rate_card
