"""Sources declare freshness: a stale payroll or billing export warns, a fresh one passes."""

from __future__ import annotations

import csv

from conftest import PROJECT_ROOT, run_dbt

PAYROLL = PROJECT_ROOT / "data/sample/payroll/payroll_register_2026.csv"


def test_stale_payroll_export_warns(tmp_path):
    with PAYROLL.open(newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, [r for _, r in zip(range(100), reader)]
    for row in rows:  # an export last paid in 2020
        row["pay_date"] = "2020-01-15"
    stale = tmp_path / "stale_payroll.csv"
    with stale.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    run = run_dbt(["source", "freshness"], tmp_path / "dbt", {"payroll_path": str(stale)})
    assert run.returncode == 0, run.output[-3000:]  # a warning, not an error
    assert "WARN freshness of payroll.payroll_register" in run.output
    assert "PASS freshness of billing.focus_billing" in run.output or "WARN freshness of billing.focus_billing" in run.output
