"""The floor against dbt on a dirtied copy of the sample: every quarantine and fallback rule.

    .venv/bin/python bench/dirty_check.py WORKDIR

Copies the project (without .venv, .git, builds) to WORKDIR/project and plants, in the
payroll register, both FOCUS exports and the inventory seeds, the faults the floor must
handle like dbt: re-exported and conflicting pay lines, bad dates and numbers, other
currencies (converted, or without a rate), charge periods with a UTC offset or Z, missing
providers and amounts, tags that are not JSON, quarantined edges, participants and tokens,
unknown roles and models, a role priced only by the rate card, minutes past every card,
an edge in a quarter without payroll and an empty quarter, an open decision and one
ratified before it started. It then runs `dbt build` (no unit tests) in the copy with
min_employees_per_payroll_rate: 8 (so one role falls back to the rate card), the floor
with --min-employees 8 on the same files, and bench/compare.py; exits with its status.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.compare import compare  # noqa: E402
from bench.floor import run_floor  # noqa: E402


def edit(path: Path, change) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    change(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def payroll(rows):
    rows[10]["currency"] = " eur "                      # converted at the EUR rate of the period end
    rows[11]["currency"] = "JPY"                        # no_fx_rate
    rows[12]["pay_period_end"] = "09.01.2026"           # unparseable_date
    rows[13]["wages"] = "abc"                           # unparseable_number
    rows[14]["wages"] = "-" + rows[14]["wages"]         # inconsistent_signs
    rows[15]["job_title"] = rows[15]["job_title"].upper()   # titles match case-insensitively
    rows[16]["hours_paid"] = ""                         # counts in payroll, not in rates
    rows[17]["currency"] = "GBP"
    rows[18]["pay_period_start"] = "2026-02-01"         # period_end_before_start
    rows[19]["pay_line_id"] = ""                        # missing_key
    rows.append({**rows[20], "wages": "1.00"})          # conflicting_duplicate_key (both out)
    rows.append(dict(rows[21]))                         # duplicate_reexport (kept once)
    rows.append({**rows[22], "employee_name": "Someone Else"})  # same content, other name: a re-export


def cloud(rows):
    rows[30]["ChargePeriodStart"] = "2026-03-31T23:00:00-05:00"   # 2026-04-01 UTC: second quarter
    rows[30]["ChargePeriodEnd"] = "2026-04-01T23:00:00-05:00"
    rows[31]["ChargePeriodStart"] = "2026-03-31T22:00:00Z"
    rows[32]["BillingCurrency"] = "EUR"
    rows[33]["BillingCurrency"] = "XYZ"                 # no_fx_rate
    rows[34]["ProviderName"] = ""                       # missing_provider
    rows[35]["Tags"] = "not json"                       # kept, cannot match a tag rule
    rows[36]["EffectiveCost"] = "n/a"                   # unparseable_number
    rows[37]["ChargePeriodEnd"] = "2025-12-01 00:00:00" # period_end_before_start
    rows[38]["EffectiveCost"] = rows[38]["EffectiveCost"] + "123"   # more decimal places
    rows.append(dict(rows[40]))                         # duplicate_reexport
    rows[41]["ServiceCategory"] = "Networking"          # adjacency cloud through the tag rule
    rows[42]["BillingCurrency"] = "usd"


def ai_vendors(rows):
    rows[5]["BillingCurrency"] = "GBP"
    rows[6]["ChargePeriodStart"] = "2026-06-30 23:30:00+02:00"
    rows[7]["BilledCost"] = ""                          # missing_amount


def decisions(rows):
    rows[3].update(initiated_at="2026-02-01 00:00:00", ratified_at="2026-01-01 00:00:00")  # ratified_before_initiated
    rows[4].update(ratified_at="", outcome="")          # an open decision
    rows[5]["department"] = ""
    rows[6]["decision_type"] = "  Pricing "


def edges(rows):
    rows[100]["edge_type"] = "X2Y"                      # unknown_edge_type
    rows[101]["decision_id"] = "DEC-NOPE"               # unknown_decision
    rows[102].update(remediation_minutes="30", remediation_role="")   # remediation_without_role
    rows[103]["iterations"] = ""                        # null = 1
    rows[104]["occurred_at"] = "2025-12-31 10:00:00"    # a quarter without payroll: the 2025 rate card
    rows[105]["occurred_at"] = "2027-04-10 10:00:00"    # past every card: unallocated; 2027-Q1 stays empty
    rows[106].update(edge_type=" a2a ", remediation_minutes="45", remediation_role="Senior_Manager")
    rows[107]["remediation_minutes"] = "-3"             # negative_minutes
    rows[108]["iterations"] = "0"                       # non_positive_iterations


def participants(rows):
    taken = {(r["edge_id"], r["role"]) for r in rows}
    for i in range(200, 800, 7):                        # senior_manager has no job title: rate card only
        if (rows[i]["edge_id"], "senior_manager") not in taken:
            taken.add((rows[i]["edge_id"], "senior_manager"))
            rows[i]["role"] = "senior_manager"
    rows[300]["role"] = "wizard"                        # unknown_role
    rows[301]["minutes_per_iteration"] = "-5"           # a quarantined detail row
    rows[302]["participant_count"] = "0"
    rows[303]["role"] = " Executive "


def tokens(rows):
    rows[50]["model"] = "gpt-9"                         # no_price_for_model_and_date
    rows[51]["output_tokens"] = "-1"                    # negative_tokens
    rows[52]["cached_input_tokens"] = ""                # null = 0


FAULTS = {
    "data/sample/payroll/payroll_register_2026.csv": payroll,
    "data/sample/billing/aws_focus_1_0_2026.csv": cloud,
    "data/sample/billing/ai_vendors_focus_1_3_2026.csv": ai_vendors,
    "seeds/decision_log.csv": decisions,
    "seeds/decision_edges.csv": edges,
    "seeds/decision_edge_participants.csv": participants,
    "seeds/decision_edge_tokens.csv": tokens,
}
MIN_EMPLOYEES = 8


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdir", help="a scratch folder outside the project")
    workdir = Path(parser.parse_args(argv).workdir).resolve()
    if workdir == ROOT or ROOT in workdir.parents:
        raise SystemExit("dirty_check.py: WORKDIR must be outside the project")
    project = workdir / "project"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", ".git", "target", "logs", "*.duckdb", "*.duckdb.wal", "__pycache__", ".pytest_cache",
        "exports", "reports", "dbt_packages"))
    for name, change in FAULTS.items():
        edit(project / name, change)
    (workdir / "exports").mkdir(exist_ok=True)
    warehouse, floor_db = workdir / "warehouse.duckdb", workdir / "floor.duckdb"
    for stale in (warehouse, floor_db):
        stale.unlink(missing_ok=True)
    env = dict(os.environ, COORD_FINOPS_DUCKDB_PATH=str(warehouse), DBT_PROFILES_DIR=str(project))
    dbt = str(Path(sys.executable).with_name("dbt"))
    build = subprocess.run(
        [dbt, "build", "--exclude", "resource_type:unit_test", "--target-path", str(workdir / "target"),
         "--log-path", str(workdir / "logs"), "--vars",
         json.dumps({"export_path": str(workdir / "exports"), "min_employees_per_payroll_rate": MIN_EMPLOYEES})],
        cwd=project, env=env, capture_output=True, text=True)
    print(next((line for line in build.stdout.splitlines()[::-1] if "Done. PASS=" in line), build.stdout[-3000:]))
    if build.returncode != 0:
        return build.returncode
    seconds, counts, con = run_floor(
        payroll=str(project / "data/sample/payroll/*.csv"), billing=str(project / "data/sample/billing/*.csv"),
        seeds=str(project / "seeds"), database=str(floor_db), min_employees=MIN_EMPLOYEES)
    con.close()
    print(f"floor: {seconds:.3f} s, {counts}")
    result = compare(str(floor_db), str(warehouse))
    print(result.report())
    return 0 if result.identical else 1


if __name__ == "__main__":
    sys.exit(main())
