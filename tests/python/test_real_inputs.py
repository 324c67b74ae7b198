"""Real public inputs load through the project's own source contracts with nothing lost.

* FOCUS 1.0 sample billing (1,000 anonymized rows from the FinOps Foundation): every row kept,
  BilledCost and EffectiveCost totals equal to the file's, to the last of their 11 decimals.
* San Francisco annual compensation records 2013-2014 (another payroll layout): every record
  kept, and the loaded multiplier of 2014 full-time staff about 1.34x cash pay.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from conftest import SHARED_DATA, require_shared, run_dbt

FOCUS_FILE = SHARED_DATA / "focus" / "focus_1.0_sample_1000rows.csv"
SF_FILE = SHARED_DATA / "payroll" / "sf_employee_compensation_2013_2014.csv"


def relative(path) -> str:
    return f"../shared/data/{path.relative_to(SHARED_DATA)}"


@pytest.fixture(scope="module")
def focus_build(tmp_path_factory):
    require_shared(FOCUS_FILE)
    run = run_dbt(["build"], tmp_path_factory.mktemp("focus"), {"billing_path": relative(FOCUS_FILE)})
    assert run.returncode == 0, run.output[-6000:]
    with run.connect() as connection:
        yield connection


@pytest.fixture(scope="module")
def sf_build(tmp_path_factory):
    require_shared(SF_FILE)
    run = run_dbt(["build"], tmp_path_factory.mktemp("sf"),
                  {"payroll_path": relative(SF_FILE), "payroll_layout": "sf_annual_compensation"})
    assert run.returncode == 0, run.output[-6000:]
    with run.connect() as connection:
        yield connection


def file_totals(path, *columns):
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    totals = {c: sum((Decimal(r[c]) for r in rows if r[c] not in ("", "NULL")), Decimal(0)) for c in columns}
    return len(rows), totals


def test_focus_sample_keeps_every_row(focus_build):
    rows, _ = file_totals(FOCUS_FILE, "BilledCost")
    staged, clean, quarantined = focus_build.execute(
        """
        select count(*), count(*) filter (where quarantine_reason is null),
               (select count(*) from marts.fct_quarantined_rows where input_name = 'focus_billing')
        from staging.stg_billing__focus_charges
        """
    ).fetchone()
    assert rows == 1000
    assert staged == rows
    assert clean + quarantined == rows
    assert quarantined == 0


def test_focus_sample_totals_equal_the_file_to_the_last_decimal(focus_build):
    _, totals = file_totals(FOCUS_FILE, "BilledCost", "EffectiveCost")
    billed, effective = focus_build.execute(
        "select sum(billed_cost_usd), sum(effective_cost_usd) from intermediate.int_billing_charges_categorized"
    ).fetchone()
    assert billed == totals["BilledCost"]
    assert effective == totals["EffectiveCost"]
    assert billed == Decimal("20.52022672899")


def test_focus_sample_providers_categories_and_adjustments(focus_build):
    providers = dict(focus_build.execute(
        "select provider_name, count(*) from intermediate.int_billing_charges_categorized group by 1").fetchall())
    assert providers == {"AWS": 942, "Microsoft": 51, "Oracle": 7}
    categories = dict(focus_build.execute(
        "select cost_category, count(*) from intermediate.int_billing_charges_categorized group by 1").fetchall())
    assert categories["ai_infrastructure"] == 9  # ServiceCategory = AI and Machine Learning
    assert sum(categories.values()) == 1000 and "unclassified" not in categories
    adjustments = focus_build.execute(
        "select count(*) from staging.stg_billing__focus_charges where is_adjustment").fetchone()[0]
    assert adjustments >= 3  # two Adjustment rows and one Credit
    nulls = focus_build.execute(
        "select count(*) from staging.stg_billing__focus_charges where charge_class = 'NULL' or tags = 'NULL'"
    ).fetchone()[0]
    assert nulls == 0  # the literal string NULL is read as null


def test_focus_sample_quarter_lands_in_the_report(focus_build):
    ai_2024q3 = focus_build.execute(
        """
        select cost_usd from marts.rpt_quarterly_real_ai_cost
        where quarter_start = date '2024-07-01' and cost_category = 'ai_infrastructure'
        """
    ).fetchone()[0]
    expected = focus_build.execute(
        """
        select round(sum(effective_cost_usd), 2) from intermediate.int_billing_charges_categorized
        where cost_category = 'ai_infrastructure'
        """
    ).fetchone()[0]
    assert ai_2024q3 == expected
    # the quarters between the billing sample (2024) and the inventory (2026) exist, with zeros
    quarters = focus_build.execute("select count(*) from marts.dim_quarters").fetchone()[0]
    assert quarters == 10


def test_sf_payroll_keeps_every_record(sf_build):
    rows, totals = file_totals(SF_FILE, "total_pay", "benefits")
    staged, clean, quarantined, wages, benefits = sf_build.execute(
        """
        select count(*), count(*) filter (where quarantine_reason is null),
               (select count(*) from marts.fct_quarantined_rows where input_name = 'payroll_register'),
               sum(wages) filter (where quarantine_reason is null),
               sum(benefits) filter (where quarantine_reason is null)
        from staging.stg_payroll__pay_lines
        """
    ).fetchone()
    assert rows == 75_729 == staged
    assert clean + quarantined == rows
    assert quarantined == 0
    assert wages == totals["total_pay"]
    assert benefits == totals["benefits"]


def test_sf_payroll_loaded_multiplier_for_2014_full_time_staff(sf_build):
    with SF_FILE.open(newline="") as handle:
        full_time = [r for r in csv.DictReader(handle) if r["year"] == "2014" and r["status"] == "FT"]
    cash = sum(Decimal(r["total_pay"]) for r in full_time)
    loaded = cash + sum(Decimal(r["benefits"]) for r in full_time if r["benefits"])
    expected = (loaded / cash).quantize(Decimal("0.000001"))
    multiplier, employees = sf_build.execute(
        """
        select loaded_multiplier, paid_employees from intermediate.int_payroll_loaded_multipliers
        where pay_year = 2014 and employment_status = 'FT'
        """
    ).fetchone()
    assert multiplier == expected
    assert Decimal("1.32") <= multiplier <= Decimal("1.36")
    assert employees == len(full_time)


def test_sf_payroll_negative_amounts_are_kept_as_adjustments(sf_build):
    adjustments = sf_build.execute(
        "select count(*) from staging.stg_payroll__pay_lines where is_adjustment and quarantine_reason is null"
    ).fetchone()[0]
    assert adjustments == 5
