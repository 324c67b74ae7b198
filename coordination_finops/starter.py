"""Starter kit: a new company's Coordination FinOps project, before any data integration.

The article's first movement is manual: inventory three to five recent decisions, apply
loaded payroll rates, compare the total with the benchmark. This command writes a project
folder that builds out of the box on hand-kept seeds alone (payroll, billing, revenue and
headcount switched off):

* an inventory with one decision, the article's worked example, to delete once you have
  entered your own: an analyst refining a prompt for 45 minutes (H2A), a senior manager
  validating the output for 20 minutes (A2H) and a 90-minute alignment meeting (H2H) with
  the analyst, the senior manager and a manager;
* a role rate card prefilled from public loaded-cost figures (US BLS Employer Costs for
  Employee Compensation, March 2026: total compensation per hour worked, benefits
  included), each row saying it is a placeholder to replace with your own loaded rates;
* the dated model price card, the FX card (USD only), the billing category rules and the
  article's reference shares, as in the reference project;
* `seeds/README.md`, which explains every column a finance analyst fills in.

    coordination-finops-starter --out ../my-company
    cd ../my-company && dbt build      # with the reference project's environment active
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ["dbt_project.yml", "profiles.yml", "models", "macros", "tests", "analyses", "data/templates"]
COPIED_SEEDS = ["model_price_card.csv", "billing_category_map.csv", "reference_cost_shares.csv", "_seeds.yml"]
BLS = "US BLS ECEC March 2026"
# role -> (loaded USD per hour, the BLS series it comes from)
STARTER_RATES = {
    "analyst": ("72.99", "professional and related occupations"),
    "senior_analyst": ("72.99", "professional and related occupations"),
    "engineer": ("72.99", "professional and related occupations"),
    "senior_engineer": ("72.99", "professional and related occupations"),
    "data_scientist": ("72.99", "professional and related occupations"),
    "product_manager": ("78.10", "management, professional and related occupations"),
    "manager": ("87.69", "management, business and financial occupations"),
    "senior_manager": ("87.69", "management, business and financial occupations"),
    "director": ("87.69", "management, business and financial occupations"),
    "executive": ("87.69", "management, business and financial occupations"),
    "specialist": ("46.60", "private industry, all workers"),
    "account_executive": ("78.10", "management, professional and related occupations"),
}
EXAMPLE_DECISION = "EXAMPLE-0001"
EXAMPLE_EDGES = [
    # edge_id, sequence, edge type, occurred_at, [(role, people, minutes)]
    ("EXAMPLE-0001-E1", 1, "H2A", "2026-01-12 09:00:00", [("analyst", 1, 45)]),
    ("EXAMPLE-0001-E2", 2, "A2H", "2026-01-12 14:00:00", [("senior_manager", 1, 20)]),
    ("EXAMPLE-0001-E3", 3, "H2H", "2026-01-13 10:00:00", [("analyst", 1, 90), ("senior_manager", 1, 90),
                                                         ("manager", 1, 90)]),
]
OFF = {"payroll_enabled": "false", "billing_enabled": "false", "business_metrics_enabled": "false",
       "observed_enabled": "false"}


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_starter(out: Path) -> Path:
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty: choose a new folder for the starter project")
    out.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = PROJECT_ROOT / name
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    project = (out / "dbt_project.yml").read_text()
    for var, value in OFF.items():  # day one: the seeds alone
        project, found = re.subn(rf"^(\s*{var}:\s*)\S+", rf"\g<1>{value}", project, flags=re.M)
        if not found:
            raise SystemExit(f"dbt_project.yml has no var {var}: the starter kit is out of date")
    (out / "dbt_project.yml").write_text(project)
    (out / "exports").mkdir()  # every build writes the marts there as Parquet and CSV

    seeds = out / "seeds"
    seeds.mkdir()
    for name in COPIED_SEEDS:
        shutil.copy(PROJECT_ROOT / "seeds" / name, seeds / name)
    write_csv(seeds / "role_rate_card.csv", ["role", "loaded_hourly_rate_usd", "valid_from", "valid_to", "rate_source"],
              [[role, rate, "2026-01-01", "", f"PLACEHOLDER: {BLS}, {series}, total compensation per hour; "
                                                 "replace with your loaded payroll rate"]
               for role, (rate, series) in STARTER_RATES.items()])
    write_csv(seeds / "fx_rates.csv", ["currency", "usd_per_unit", "valid_from", "valid_to", "rate_source"],
              [["USD", "1.00000000", "1900-01-01", "", "identity"]])
    write_csv(seeds / "job_title_role_map.csv", ["job_title", "role"],
              [["Financial Analyst", "analyst"], ["Senior Manager, Finance", "senior_manager"],
               ["Finance Manager", "manager"]])
    write_csv(seeds / "company_quarterly_metrics.csv", ["quarter_start", "revenue_usd", "headcount_fte"], [])
    # observed edges (calendars, agent telemetry) come later: the attendee map starts empty
    write_csv(seeds / "calendar_attendee_roles.csv", ["attendee_email", "role"], [])
    write_csv(seeds / "decision_log.csv",
              ["decision_id", "title", "decision_type", "department", "initiated_at", "ratified_at", "outcome"],
              [[EXAMPLE_DECISION, "EXAMPLE (delete me): quarterly forecast report drafted with an agent",
                "forecast_report", "Finance", "2026-01-12 08:30:00", "2026-01-13 12:00:00", "approved"]])
    write_csv(seeds / "decision_edges.csv",
              ["edge_id", "decision_id", "edge_sequence", "edge_type", "occurred_at", "iterations",
               "remediation_minutes", "remediation_role"],
              [[edge_id, EXAMPLE_DECISION, sequence, edge_type, at, 1, 0, ""]
               for edge_id, sequence, edge_type, at, _ in EXAMPLE_EDGES])
    write_csv(seeds / "decision_edge_participants.csv", ["edge_id", "role", "participant_count", "minutes_per_iteration"],
              [[edge_id, role, people, minutes] for edge_id, *_, people_rows in EXAMPLE_EDGES
               for role, people, minutes in people_rows])
    write_csv(seeds / "decision_edge_tokens.csv",
              ["edge_id", "provider", "model", "input_tokens", "output_tokens", "cached_input_tokens"], [])
    (seeds / "README.md").write_text(SEEDS_README)
    return out


SEEDS_README = """# Your hand-kept tables

Replace the example with three to five recent cross-functional decisions, then run `dbt build`.
Every column is described in `_seeds.yml` too.

## decision_log.csv: one row per decision
- `decision_id`: any unique text (DEC-2026-001).
- `title`, `decision_type` (a short code you choose: pricing_change, vendor_choice, ...), `department`.
- `initiated_at`, `ratified_at`: `YYYY-MM-DD HH:MM:SS`. Leave `ratified_at` empty while the decision is open.
- `outcome`: approved, rejected, deferred...

## decision_edges.csv: one row per step of a decision
- `edge_id`: unique; `decision_id`: the decision it belongs to; `edge_sequence`: 1, 2, 3...
- `edge_type`: `H2H` (a meeting between people), `H2A` (people preparing context or prompts for an
  agent), `A2H` (people reviewing an agent's output), `A2A` (agents handing off to agents).
- `occurred_at`: when it happened; `iterations`: how many times it looped (1 if once).
- `remediation_minutes`, `remediation_role`: for an A2A hand-off that broke, the minutes a person
  spent repairing it and their role; otherwise 0 and empty.

## decision_edge_participants.csv: who spent time on each edge
- `edge_id`, `role` (a role of the rate card), `participant_count` (people of that role),
  `minutes_per_iteration` (minutes each of them spent, per iteration).

## decision_edge_tokens.csv: model usage on an edge (optional)
- `edge_id`, `provider`, `model` (as in the price card), `input_tokens`, `output_tokens`, `cached_input_tokens`.

## role_rate_card.csv: loaded hourly rate per role
Prefilled with public US averages (BLS Employer Costs for Employee Compensation, March 2026) so the
example computes. Replace them with your loaded rates: (wages + employer taxes + benefits) / hours
paid, from payroll or HR. `valid_from` / `valid_to` date each rate (`valid_to` empty = still valid).

## The others
`model_price_card.csv` (dated model list prices), `fx_rates.csv` (add a row per currency you pay in),
`job_title_role_map.csv` (used once payroll is connected), `billing_category_map.csv` (used once
billing is connected), `company_quarterly_metrics.csv` (revenue and headcount per quarter: fill it in
and set `business_metrics_enabled: true` in `dbt_project.yml`), `reference_cost_shares.csv` (the
article's reference ranges).
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a starter Coordination FinOps project for a new company.")
    parser.add_argument("--out", type=Path, required=True, help="a new, empty folder")
    args = parser.parse_args(argv)
    out = write_starter(args.out)
    print(f"Starter project written to {out}. Next: replace the example in {out / 'seeds'} "
          f"(see seeds/README.md), then `dbt build` there.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
