"""A catalogue of broken inputs, each fed through the real pipeline.

Every case copies the project with its shipped sample into a temporary folder, plants one
fault in one input (the payroll export, a FOCUS export or a hand-kept seed) and runs
`dbt build` on the models, seeds and reconciliation tests. It then asserts the outcome:

* a structural fault stops the build with a message that names the file and the column;
* a bad row lands in `fct_quarantined_rows` with its reason, exactly once (calendar rows the
  loader excluded, such as declined invitations, too: the sample's are part of the baseline);
* and, whenever the build succeeds, the reconciliation tests passed: raw rows = used +
  quarantined for every input, payroll amounts conserved, every minute and token costed
  or unallocated, edges = decisions = quarterly rows to the cent. Nothing silently
  dropped, nothing counted twice.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

import duckdb
import pytest

from conftest import DBT, PROJECT_ROOT

PAYROLL = "data/sample/payroll/payroll_register_2026.csv"
CLOUD = "data/sample/billing/aws_focus_1_0_2026.csv"
AI_VENDORS = "data/sample/billing/ai_vendors_focus_1_3_2026.csv"
CALENDAR = "data/normalized/calendar_attendance.csv"  # the calendar loader's output (conftest writes it)
LITELLM = "data/sample/telemetry/litellm_spend_logs_2026.csv"
SPANS = "data/sample/telemetry/otel_genai_spans_2026.jsonl"
BASELINE = Counter({("payroll_register", "duplicate_reexport"): 12, ("focus_billing", "duplicate_reexport"): 5,
                    # the sample's planted observed rows: declined invitations, rooms, an all-day offsite, a
                    # zero-length hold, a client's guest; a failed, a re-exported and a garbled gateway call
                    ("calendar_attendance", "declined"): 57, ("calendar_attendance", "resource"): 9,
                    ("calendar_attendance", "all_day"): 4, ("calendar_attendance", "zero_length"): 1,
                    ("calendar_attendance", "unknown_attendee"): 1, ("litellm_spend_logs", "duplicate_reexport"): 1,
                    ("litellm_spend_logs", "failed_request"): 1, ("litellm_spend_logs", "unparseable_number"): 1})
IGNORED = shutil.ignore_patterns(".venv", ".git", "target", "logs", "*.duckdb", "*.duckdb.wal", "__pycache__",
                                 ".pytest_cache", "exports", "reports", "dbt_packages")
SELECTION = ["--select", "resource_type:model resource_type:seed tag:reconciliation", "--indirect-selection=empty"]


# --- editing the copied inputs ----------------------------------------------------------------

def read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write(path: Path, fields: list[str], rows: list[dict], **kwargs) -> None:
    with path.open("w", newline="", encoding=kwargs.pop("encoding", "utf-8")) as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n", extrasaction="ignore", **kwargs)
        writer.writeheader()
        writer.writerows(rows)


def edit_rows(name: str, change: Callable[[list[dict]], None], fields: Callable[[list[str]], list[str]] | None = None):
    def apply(root: Path) -> None:
        header, rows = read(root / name)
        change(rows)
        write(root / name, fields(header) if fields else header, rows)
    return apply


def set_value(name: str, index: int, **values):
    return edit_rows(name, lambda rows: rows[index].update(values))


def append_copy(name: str, index: int, **values):
    return edit_rows(name, lambda rows: rows.append({**rows[index], **values}))


def rewrite(name: str, text: Callable[[str], str]):
    def apply(root: Path) -> None:
        path = root / name
        path.write_text(text(path.read_text(encoding="utf-8")), encoding="utf-8")
    return apply


def first_line_only(text: str) -> str:
    return text.splitlines(keepends=True)[0]


def billing_to_parquet(root: Path) -> None:
    for name in (CLOUD, AI_VENDORS):
        source = root / name
        target = source.with_suffix(".parquet")
        with duckdb.connect() as db:
            db.execute(f"copy (select * from read_csv('{source}', all_varchar = true)) to '{target}' (format parquet)")
        source.unlink()


def reexport_pay_period(rows: list[dict]) -> None:
    rows.extend([dict(r) for r in rows if r["pay_period_end"] == "2026-03-20"])


def pay_line_reversal(rows: list[dict]) -> None:
    original = rows[100]
    rows.append({**original, "pay_line_id": "PL9000001", **{k: "-" + original[k]
                 for k in ("wages", "employer_taxes", "benefits", "hours_paid")}})


def decision_spanning_two_quarters(root: Path) -> None:
    header, rows = read(root / "seeds/decision_edges.csv")
    first = next(r for r in rows if r["decision_id"] == "DEC-2026-0005")
    first["occurred_at"] = "2026-03-31 23:30:00"
    last = [r for r in rows if r["decision_id"] == "DEC-2026-0005"][-1]
    last["occurred_at"] = "2026-04-01 09:00:00"
    write(root / "seeds/decision_edges.csv", header, rows)
    header, rows = read(root / "seeds/decision_log.csv")
    decision = next(r for r in rows if r["decision_id"] == "DEC-2026-0005")
    decision["initiated_at"], decision["ratified_at"] = "2026-03-31 09:00:00", "2026-04-02 10:00:00"
    write(root / "seeds/decision_log.csv", header, rows)


def calendar_bad_rows(root: Path) -> None:
    """A garbled start, an attendee listed twice, and one listed again as declined (the accepted
    listing stands, the declined one is counted as declined), on the governance series (no decision)."""
    header, rows = read(root / CALENDAR)
    series = [r for r in rows if r["event_uid"].startswith("agent-governance") and not r["exclusion_reason"]]
    series[0]["occurrence_start_utc"] = "31/03/2026 09:00"
    rows.append(dict(series[1]))
    rows.append({**series[2], "participation_status": "DECLINED", "exclusion_reason": "declined"})
    write(root / CALENDAR, header, rows)


def telemetry_bad_rows(root: Path) -> None:
    """Text in a token count, a request id re-used with another spend, a span that errored."""
    header, rows = read(root / LITELLM)
    rows[5]["completion_tokens"] = "lots"
    rows.append({**rows[6], "spend": "9.99"})
    write(root / LITELLM, header, rows)
    spans = (root / SPANS).read_text(encoding="utf-8").splitlines()
    first = json.loads(spans[0])
    first["status"] = {"code": "STATUS_CODE_ERROR"}
    (root / SPANS).write_text("\n".join([json.dumps(first), *spans[1:]]) + "\n", encoding="utf-8")


def count_rows(name: str, predicate) -> int:
    return sum(1 for row in read(PROJECT_ROOT / name)[1] if predicate(row))


PAY_PERIOD_LINES = count_rows(PAYROLL, lambda r: r["pay_period_end"] == "2026-03-20")
FIRST_DECISION = read(PROJECT_ROOT / "seeds/decision_log.csv")[1][0]["decision_id"]
FIRST_DECISION_EDGES = {r["edge_id"] for r in read(PROJECT_ROOT / "seeds/decision_edges.csv")[1]
                        if r["decision_id"] == FIRST_DECISION}
FIRST_DECISION_PARTICIPANTS = count_rows("seeds/decision_edge_participants.csv", lambda r: r["edge_id"] in FIRST_DECISION_EDGES)
FIRST_DECISION_TOKENS = count_rows("seeds/decision_edge_tokens.csv", lambda r: r["edge_id"] in FIRST_DECISION_EDGES)


# --- the cases ----------------------------------------------------------------------------------

@dataclass
class Case:
    id: str
    fault: Callable[[Path], None]
    error: list[str] = field(default_factory=list)  # substrings of the failure message
    quarantined: Counter = field(default_factory=Counter)  # (input, reason) added to the baseline
    check: Callable[[duckdb.DuckDBPyConnection], None] | None = None
    vars: dict = field(default_factory=dict)
    selection: list[str] = field(default_factory=lambda: SELECTION)


def payroll_total(db) -> Decimal:
    return db.execute("select sum(loaded_cost_usd) from intermediate.int_payroll_pay_lines_usd "
                      "where quarantine_reason is null").fetchone()[0]


SAMPLE_PAYROLL_TOTAL: dict[str, Decimal] = {}


def same_payroll_as_sample(db) -> None:
    assert payroll_total(db) == SAMPLE_PAYROLL_TOTAL["value"]


def one(db, sql):
    return db.execute(sql).fetchone()


CASES = [
    # ---- payroll export: structure
    Case("payroll_missing_column", edit_rows(PAYROLL, lambda r: None, lambda h: [c for c in h if c != "hours_paid"]),
         error=["payroll_register_2026.csv is missing required column(s): hours_paid"]),
    Case("payroll_extra_and_reordered_columns",
         edit_rows(PAYROLL, lambda rows: [r.update(cost_center="CC-1") for r in rows],
                   lambda h: ["cost_center", *reversed(h)]),
         check=same_payroll_as_sample),
    Case("payroll_empty_file", rewrite(PAYROLL, lambda text: ""), error=["payroll_register_2026.csv is empty (0 bytes)"]),
    Case("payroll_header_only", rewrite(PAYROLL, first_line_only),
         error=["payroll_register_2026.csv has a header but no data rows"]),
    Case("payroll_semicolon_delimiter_is_sniffed", rewrite(PAYROLL, lambda text: text.replace(",", ";")),
         check=same_payroll_as_sample),
    Case("payroll_one_column_file", rewrite(PAYROLL, lambda text: text.replace(",", " ")),
         error=["payroll_register_2026.csv is missing required column(s): pay_line_id"]),
    Case("payroll_byte_order_mark", rewrite(PAYROLL, lambda text: "\ufeff" + text), check=same_payroll_as_sample),
    Case("payroll_file_missing", lambda root: (root / PAYROLL).unlink(),
         error=["no file matches data/sample/payroll/*.csv (set the var payroll_path"]),
    # ---- payroll export: rows
    Case("payroll_duplicated_row", append_copy(PAYROLL, 10),
         quarantined=Counter({("payroll_register", "duplicate_reexport"): 1}), check=same_payroll_as_sample),
    Case("payroll_reexported_pay_period", edit_rows(PAYROLL, reexport_pay_period),
         quarantined=Counter({("payroll_register", "duplicate_reexport"): PAY_PERIOD_LINES}), check=same_payroll_as_sample),
    Case("payroll_conflicting_line_id", append_copy(PAYROLL, 10, wages="1.00"),
         quarantined=Counter({("payroll_register", "conflicting_duplicate_key"): 2})),
    Case("payroll_reversal_kept_as_adjustment", edit_rows(PAYROLL, pay_line_reversal),
         check=lambda db: one(db, "select count(*) from staging.stg_payroll__pay_lines "
                                  "where pay_line_id = 'PL9000001' and is_adjustment and quarantine_reason is null") == (1,)),
    Case("payroll_text_in_wages", set_value(PAYROLL, 10, wages="12,34O.00"),
         quarantined=Counter({("payroll_register", "unparseable_number"): 1})),
    Case("payroll_us_date_format", set_value(PAYROLL, 10, pay_period_end="03/20/2026"),
         quarantined=Counter({("payroll_register", "unparseable_date"): 1})),
    Case("payroll_day_month_name_date", set_value(PAYROLL, 10, pay_date="20-Mar-2026"),
         quarantined=Counter({("payroll_register", "unparseable_date"): 1})),
    Case("payroll_iso_date_with_offset_is_read", set_value(PAYROLL, 10, pay_period_end="2026-01-09T23:00:00-05:00"),
         check=same_payroll_as_sample),
    Case("payroll_literal_null_wages", set_value(PAYROLL, 10, wages="NULL"),
         quarantined=Counter({("payroll_register", "missing_amount"): 1})),
    Case("payroll_currency_without_rate", set_value(PAYROLL, 10, currency="XYZ"),
         quarantined=Counter({("payroll_register", "no_fx_rate"): 1})),
    Case("payroll_euro_converted", set_value(PAYROLL, 10, currency="EUR"),
         check=lambda db: one(db, "select usd_per_unit from intermediate.int_payroll_pay_lines_usd "
                                  "where currency = 'EUR'") == (Decimal("1.08500000"),)),
    Case("payroll_negative_hours_positive_wages", set_value(PAYROLL, 10, hours_paid="-80.00"),
         quarantined=Counter({("payroll_register", "inconsistent_signs"): 1})),
    Case("payroll_period_end_before_start", set_value(PAYROLL, 10, pay_period_end="2025-01-01"),
         quarantined=Counter({("payroll_register", "period_end_before_start"): 1})),
    # ---- FOCUS billing exports
    Case("billing_missing_column", edit_rows(CLOUD, lambda r: None, lambda h: [c for c in h if c != "BilledCost"]),
         error=["aws_focus_1_0_2026.csv is missing required column(s): BilledCost"]),
    Case("billing_missing_provider_value", set_value(CLOUD, 10, ProviderName=""),
         quarantined=Counter({("focus_billing", "missing_provider"): 1})),
    Case("billing_both_provider_columns",
         edit_rows(CLOUD, lambda rows: [r.update(ServiceProviderName=r["ProviderName"]) for r in rows],
                   lambda h: ["ServiceProviderName", *h])),
    Case("billing_literal_null_cost", set_value(CLOUD, 10, BilledCost="NULL"),
         quarantined=Counter({("focus_billing", "missing_amount"): 1})),
    Case("billing_text_in_cost", set_value(CLOUD, 10, EffectiveCost="1.2.3"),
         quarantined=Counter({("focus_billing", "unparseable_number"): 1})),
    Case("billing_correction_kept", append_copy(CLOUD, 10, ChargeClass="Correction", BilledCost="-1.5000000000",
                                                EffectiveCost="-1.5000000000", ChargeDescription="late correction"),
         check=lambda db: one(db, "select count(*) from staging.stg_billing__focus_charges where charge_class = "
                                  "'Correction' and is_adjustment and quarantine_reason is null") == (2,)),
    Case("billing_credit_kept", append_copy(CLOUD, 10, ChargeCategory="Credit", BilledCost="-25", EffectiveCost="-25",
                                            ChargeDescription="goodwill credit"),
         check=lambda db: one(db, "select count(*) from staging.stg_billing__focus_charges where charge_category = "
                                  "'Credit' and is_adjustment and quarantine_reason is null") == (2,)),
    Case("billing_offset_timestamp_moves_quarter",
         set_value(CLOUD, 10, ChargePeriodStart="2026-03-31T23:00:00-05:00", ChargePeriodEnd="2026-04-01T23:00:00-05:00"),
         check=lambda db: one(db, "select quarter_start from staging.stg_billing__focus_charges "
                                  "where charge_period_start = timestamp '2026-04-01 04:00:00'")[0].isoformat() == "2026-04-01"),
    Case("billing_across_dst_change",
         set_value(CLOUD, 10, ChargePeriodStart="2026-03-08T01:30:00-05:00", ChargePeriodEnd="2026-03-08T03:30:00-04:00"),
         check=lambda db: one(db, "select charge_period_end - charge_period_start from staging.stg_billing__focus_charges "
                                  "where charge_period_start = timestamp '2026-03-08 06:30:00'")[0].total_seconds() == 3600),
    Case("billing_unparseable_timestamp", set_value(CLOUD, 10, ChargePeriodStart="yesterday"),
         quarantined=Counter({("focus_billing", "unparseable_date"): 1})),
    Case("billing_currency_without_rate", set_value(CLOUD, 10, BillingCurrency="JPY"),
         quarantined=Counter({("focus_billing", "no_fx_rate"): 1})),
    Case("billing_tags_not_json", set_value(CLOUD, 10, Tags='{"workload": "ai-platform"'),
         check=lambda db: one(db, "select count(*) from staging.stg_billing__focus_charges where has_invalid_tags") == (1,)),
    Case("billing_duplicated_row", append_copy(CLOUD, 10),
         quarantined=Counter({("focus_billing", "duplicate_reexport"): 1})),
    Case("billing_as_parquet", billing_to_parquet, vars={"billing_path": "data/sample/billing/*.parquet"},
         check=lambda db: one(db, "select count(*) from staging.stg_billing__focus_charges") == (7298,)),
    # ---- hand-kept inventory and cards (seeds)
    Case("decision_with_no_edges",
         append_copy("seeds/decision_log.csv", 0, decision_id="DEC-2026-9999", title="Decided in the corridor"),
         check=lambda db: one(db, "select edge_count, total_cost_usd, cost_band from marts.fct_decisions "
                                  "where decision_id = 'DEC-2026-9999'") == (0, Decimal(0), "review_bypass_risk")),
    Case("edge_with_unknown_decision", set_value("seeds/decision_edges.csv", 0, decision_id="DEC-2099-0001"),
         quarantined=Counter({("decision_edges", "unknown_decision"): 1,
                              ("decision_edge_participants", "edge_not_usable"): 1,
                              ("decision_edge_tokens", "edge_not_usable"): 1})),
    Case("edge_with_unknown_type", set_value("seeds/decision_edges.csv", 0, edge_type="H2X"),
         quarantined=Counter({("decision_edges", "unknown_edge_type"): 1,
                              ("decision_edge_participants", "edge_not_usable"): 1,
                              ("decision_edge_tokens", "edge_not_usable"): 1}),
         check=lambda db: one(db, "select is_fully_costed, quarantined_edge_count from marts.fct_decisions "
                                  "where decision_id = 'DEC-2026-0001'") == (False, 1)),
    Case("participant_with_negative_minutes", set_value("seeds/decision_edge_participants.csv", 0,
                                                        minutes_per_iteration="-30"),
         quarantined=Counter({("decision_edge_participants", "negative_minutes"): 1}),
         check=lambda db: one(db, "select is_fully_costed, quarantined_detail_rows, unallocated_reason "
                                  "from marts.fct_coordination_edges where edge_id = 'DEC-2026-0001-E01'")
         == (False, 1, "quarantined_participant_or_token")),
    Case("role_with_no_rate", set_value("seeds/decision_edge_participants.csv", 0, role="astronaut"),
         check=lambda db: one(db, "select unallocated_human_minutes > 0, unallocated_reason, is_fully_costed "
                                  "from marts.fct_coordination_edges where edge_id = 'DEC-2026-0001-E01'")
         == (True, "unknown_role", False)),
    Case("model_with_no_price", set_value("seeds/decision_edge_tokens.csv", 0, model="mystery-model"),
         check=lambda db: one(db, "select unpriced_tokens > 0, unallocated_reason from marts.fct_coordination_edges "
                                  "where edge_id = (select min(edge_id) from staging.stg_inventory__edge_tokens "
                                  "where model = 'mystery-model')") == (True, "no_price_for_model_and_date")),
    Case("ratified_before_initiated", set_value("seeds/decision_log.csv", 0, ratified_at="2025-12-31 09:00:00"),
         quarantined=Counter({("decision_log", "ratified_before_initiated"): 1,
                              ("decision_edges", "decision_quarantined"): len(FIRST_DECISION_EDGES),
                              ("decision_edge_participants", "edge_not_usable"): FIRST_DECISION_PARTICIPANTS,
                              ("decision_edge_tokens", "edge_not_usable"): FIRST_DECISION_TOKENS})),
    Case("decision_spanning_two_quarters", decision_spanning_two_quarters,
         check=lambda db: one(db, "select count(distinct quarter_start) from marts.fct_coordination_edges "
                                  "where decision_id = 'DEC-2026-0005'") == (2,)),
    # ---- observed edges: calendar (the loader's normalized file) and agent telemetry
    Case("calendar_unparseable_and_duplicated_attendee", calendar_bad_rows,
         quarantined=Counter({("calendar_attendance", "unparseable_date"): 1,
                              ("calendar_attendance", "duplicate_attendee"): 1,
                              ("calendar_attendance", "declined"): 1})),
    Case("spend_log_missing", lambda root: (root / LITELLM).unlink(),
         error=["LLM gateway spend log export: no file matches", "(set the var litellm_spend_logs_path"]),
    Case("telemetry_bad_rows", telemetry_bad_rows,
         quarantined=Counter({("litellm_spend_logs", "unparseable_number"): 1,
                              ("litellm_spend_logs", "conflicting_duplicate_key"): 2,
                              ("otel_genai_spans", "failed_request"): 1})),
    Case("overlapping_rate_windows",
         append_copy("seeds/role_rate_card.csv", 3, valid_from="2026-06-01", valid_to="2026-09-01"),
         error=["Failed check (fail, 1): no_overlapping_validity_role_rate_card", "senior_analyst 2026-01-01"],
         selection=["--select", "role_rate_card"]),
]


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("catalogue") / "sample"
    shutil.copytree(PROJECT_ROOT, root, ignore=IGNORED)
    return root


def run_case(root: Path, case: Case) -> tuple[subprocess.CompletedProcess, Path]:
    database = root / "warehouse.duckdb"
    env = dict(os.environ, COORD_FINOPS_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(root))
    command = [DBT, "build", *case.selection, "--vars", json.dumps({"export_marts": False, **case.vars})]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600), database


@pytest.fixture(scope="module", autouse=True)
def sample_payroll_total(sample_copy):
    result, database = run_case(sample_copy, Case("baseline", lambda root: None))
    assert result.returncode == 0, result.stdout[-4000:]
    with duckdb.connect(str(database), read_only=True) as db:
        SAMPLE_PAYROLL_TOTAL["value"] = payroll_total(db)


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: Case, sample_copy: Path, tmp_path: Path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(sample_copy, root, ignore=IGNORED)
    case.fault(root)
    result, database = run_case(root, case)
    output = result.stdout + result.stderr
    if case.error:
        assert result.returncode != 0, output[-3000:]
        for fragment in case.error:
            assert fragment in output, (fragment, output[-3000:])
        assert "Traceback" not in output
        return
    assert result.returncode == 0, output[-5000:]  # reconciliation tests included: nothing lost
    monkeypatch.chdir(root)  # staging views read the export files by their relative paths
    with duckdb.connect(str(database), read_only=True) as db:
        reasons = Counter(db.execute("select input_name, quarantine_reason from marts.fct_quarantined_rows").fetchall())
        assert reasons == BASELINE + case.quarantined
        if case.check:
            outcome = case.check(db)
            assert outcome is None or outcome is True, outcome
