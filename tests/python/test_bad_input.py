"""Bad input: a clear error naming the file and the column, or a quarantine row with a reason."""

from __future__ import annotations

import csv
from decimal import Decimal
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, run_dbt

SAMPLE_BILLING = PROJECT_ROOT / "data/sample/billing/aws_focus_1_0_2026.csv"
SAMPLE_AI_BILLING = PROJECT_ROOT / "data/sample/billing/ai_vendors_focus_1_3_2026.csv"
SAMPLE_PAYROLL = PROJECT_ROOT / "data/sample/payroll/payroll_register_2026.csv"


def copy_csv(source: Path, target: Path, *, drop_column: str | None = None, rows: int | None = 50, edit=None) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open(newline="") as handle:
        reader = csv.DictReader(handle)
        fields = [f for f in reader.fieldnames if f != drop_column]
        records = list(reader) if rows is None else [r for _, r in zip(range(rows), reader)]
    if edit:
        edit(records)
    with target.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    return target


@pytest.mark.parametrize("column", ["BilledCost", "ChargePeriodStart"])
def test_missing_billing_column_names_the_file_and_the_column(tmp_path, column):
    broken = copy_csv(SAMPLE_BILLING, tmp_path / "no_column.csv", drop_column=column)
    run = run_dbt(["run", "--select", "stg_billing__focus_charges"], tmp_path / "dbt", {"billing_path": str(broken)})
    assert run.returncode != 0
    message = next(line for line in run.output.splitlines() if "missing required column" in line)
    assert str(broken) in message and column in message
    assert "Traceback" not in run.output


def test_missing_provider_column_lists_both_focus_names(tmp_path):
    broken = copy_csv(SAMPLE_BILLING, tmp_path / "no_provider.csv", drop_column="ProviderName")
    run = run_dbt(["run", "--select", "stg_billing__focus_charges"], tmp_path / "dbt", {"billing_path": str(broken)})
    assert run.returncode != 0
    assert "ServiceProviderName or ProviderName" in run.output


def test_missing_payroll_column_names_the_file_and_the_column(tmp_path):
    broken = copy_csv(SAMPLE_PAYROLL, tmp_path / "payroll.csv", drop_column="hours_paid")
    run = run_dbt(["run", "--select", "stg_payroll__pay_lines"], tmp_path / "dbt", {"payroll_path": str(broken)})
    assert run.returncode != 0
    assert f"Payroll export {broken} is missing required column(s): hours_paid" in run.output


def test_unknown_payroll_layout_is_refused(tmp_path):
    run = run_dbt(["run", "--select", "stg_payroll__pay_lines"], tmp_path / "dbt", {"payroll_layout": "adp"})
    assert run.returncode != 0
    assert "payroll_layout must be one of register, sf_annual_compensation" in run.output


def test_unusable_rows_are_quarantined_with_reasons(tmp_path):
    def spoil_payroll(records):
        records[0]["wages"] = "12,34O.00"
        records[1]["pay_period_end"] = "2026-13-45"
        records[2]["currency"] = "XYZ"  # no FX rate
        records[3]["pay_period_end"] = "2020-01-01"
        records.append(dict(records[4]))
        records[5]["currency"] = "EUR"  # converted at the 2026 rate, kept
        records[6]["currency"] = "E"

    def spoil_billing(records):
        records[0]["BilledCost"] = "abc"
        records[1]["ChargePeriodStart"] = "yesterday"
        records[2]["BillingCurrency"] = "JPY"  # no FX rate
        records[3]["BillingCurrency"] = "GBP"  # converted, kept

    # full copies of the sample, a few rows spoiled: everything else must still build and reconcile
    payroll = copy_csv(SAMPLE_PAYROLL, tmp_path / "payroll.csv", rows=None, edit=spoil_payroll)
    copy_csv(SAMPLE_BILLING, tmp_path / "billing" / SAMPLE_BILLING.name, rows=None, edit=spoil_billing)
    shutil.copy(SAMPLE_AI_BILLING, tmp_path / "billing" / SAMPLE_AI_BILLING.name)
    run = run_dbt(["build"], tmp_path / "dbt",
                  {"payroll_path": str(payroll), "billing_path": str(tmp_path / "billing" / "*.csv")})
    assert run.returncode == 0, run.output[-4000:]
    with run.connect() as db:
        reasons = sorted(db.execute(
            "select input_name, quarantine_reason from marts.fct_quarantined_rows "
            "where input_name in ('payroll_register', 'focus_billing')").fetchall())  # observed: test_observed.py
        kept = db.execute(
            "select count(*) from intermediate.int_payroll_pay_lines_usd where quarantine_reason is null").fetchone()[0]
        euro = db.execute(
            "select staged.wages, usd.wages_usd, usd.usd_per_unit from intermediate.int_payroll_pay_lines_usd as usd "
            "join staging.stg_payroll__pay_lines as staged using (pay_line_row_key) where usd.currency = 'EUR'").fetchone()
        pound = db.execute(
            "select staged.billed_cost, billed_cost_usd from intermediate.int_billing_charges_usd "
            "join staging.stg_billing__focus_charges as staged using (charge_key) where staged.billing_currency = 'GBP'").fetchone()
    assert reasons == sorted([
        ("payroll_register", "unparseable_number"), ("payroll_register", "unparseable_date"),
        ("payroll_register", "no_fx_rate"), ("payroll_register", "period_end_before_start"),
        ("payroll_register", "invalid_currency"),
        ("payroll_register", "duplicate_reexport"),
        ("focus_billing", "unparseable_number"), ("focus_billing", "unparseable_date"),
        ("focus_billing", "no_fx_rate"),
        # the sample's own planted re-exports
        *[("payroll_register", "duplicate_reexport")] * 12, *[("focus_billing", "duplicate_reexport")] * 5,
    ])
    with SAMPLE_PAYROLL.open() as handle:
        sample_lines = sum(1 for _ in handle) - 1
    assert kept == sample_lines + 1 - 6 - 12
    assert euro[1] == (euro[0] * euro[2]).quantize(Decimal("0.01")) and euro[2] == Decimal("1.085")
    assert pound[1] == (pound[0] * Decimal("1.273")).quantize(Decimal("1e-12"))
