"""Observed edges in the warehouse: calendars and agent telemetry beside the inventory.

The sample build (session fixture) reads the calendar loader's file and the telemetry samples.
The figures are recomputed here from the files themselves (the loader's normalized CSV, the
gateway CSV, the spans, the seeds), so a wrong join or a dropped row shows. One extra build runs
with the observed sources switched off.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import PROJECT_ROOT, run_dbt

CALENDAR = PROJECT_ROOT / "data/normalized/calendar_attendance.csv"
LITELLM = PROJECT_ROOT / "data/sample/telemetry/litellm_spend_logs_2026.csv"
PLANTED = "DEC-2026-1087"  # its meetings ran 20% over the inventory


def rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def quarter(timestamp: str) -> str:
    return f"{timestamp[:4]}-{(int(timestamp[5:7]) - 1) // 3 * 3 + 1:02d}-01"


def decisions_in_log() -> set[str]:
    return {r["decision_id"] for r in rows(PROJECT_ROOT / "seeds/decision_log.csv")}


def test_observed_meeting_hours_per_quarter_and_line_match_the_calendar_file(sample_db):
    """Every counted attendee minute of the loader's file is in the report, on the right line."""
    known = {r["attendee_email"] for r in rows(PROJECT_ROOT / "seeds/calendar_attendee_roles.csv")}
    log = decisions_in_log()
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows(CALENDAR):
        title = r["title"].upper()
        reference = ("DEC-" + title.split("[DEC-", 1)[1].split("]", 1)[0]) if "[DEC-" in title else None
        ai = reference is not None or "ai coordination" in r["categories"].lower().split(";")
        if r["exclusion_reason"] or not ai or r["attendee_email"] not in known:
            continue
        line = "decision" if reference in log else "no_decision"
        expected[(quarter(r["occurrence_start_utc"]), line)] += int(r["duration_minutes"])
    report = sample_db.execute("""
        select cast(quarter_start as varchar), case when line = 'no_decision' then 'no_decision' else 'decision' end,
               sum(observed_meeting_hours)
        from marts.rpt_quarterly_observed_vs_inventoried group by 1, 2""").fetchall()
    got = {(q, line): hours for q, line, hours in report if hours}
    assert got == {key: (Decimal(minutes) / 60).quantize(Decimal("0.01")) for key, minutes in expected.items()}
    # the weekly governance sync, the unknown [DEC-2026-9999] reference: tied to no decision, every quarter
    assert all(got.get((q, "no_decision"), 0) > 0 for q in ("2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"))


def test_observed_decisions_match_the_inventory_except_the_planted_overrun(sample_db):
    observed = sample_db.execute("""
        select decision_id, inventoried_meeting_minutes, observed_meeting_minutes, observed_variance_band,
               observed_variance_pct, observed_not_measured_reason
        from marts.fct_decisions where observation_status = 'observed' order by decision_id""").fetchall()
    assert len(observed) == 24
    for decision_id, inventoried, seen, band, variance, reason in observed:
        assert reason is None
        if decision_id == PLANTED:
            assert seen * 5 == inventoried * 6 and band == "warn" and Decimal(15) < variance <= Decimal(25)
        else:  # minutes equal; the cost differs by the cached prompt tokens priced at the input rate only
            assert seen == inventoried and band == "within" and abs(variance) < 5, decision_id
    assert sample_db.execute("select count(*) from marts.fct_decisions where observation_status = 'not_observed' "
                             "and observed_cost_usd = 0 and observed_variance_band is null").fetchone()[0] \
        == sample_db.execute("select count(*) - 24 from marts.fct_decisions").fetchone()[0]


def test_gateway_tokens_are_costed_with_the_price_card_and_the_logged_spend_kept_beside(sample_db):
    prices = {(r["provider"].lower(), r["model"], r["valid_from"]): r for r in rows(PROJECT_ROOT / "seeds/model_price_card.csv")}
    expected_cost, expected_spend = Decimal(0), Decimal(0)
    seen = set()
    for r in rows(LITELLM):
        if r["status"] != "success" or r["request_id"] in seen or not r["prompt_tokens"].isdigit():
            seen.add(r["request_id"])
            continue
        seen.add(r["request_id"])
        day = r["startTime"][:10]
        price = max((p for (provider, model, start), p in prices.items()
                     if provider == r["custom_llm_provider"] and model == r["model"] and start <= day
                     and (not p["valid_to"] or day < p["valid_to"])), key=lambda p: p["valid_from"])
        cost = (int(r["prompt_tokens"]) * Decimal(price["input_usd_per_1m_tokens"])
                + int(r["completion_tokens"]) * Decimal(price["output_usd_per_1m_tokens"])) / 1_000_000
        expected_cost += cost.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)  # as SQL round()
        expected_spend += Decimal(r["spend"])
    cost, spend = sample_db.execute("""
        select sum(cost_usd), sum(logged_spend_usd) from intermediate.int_observed_agent_calls_costed
        where telemetry_source = 'litellm_spend_log'""").fetchone()
    assert (cost, spend) == (expected_cost, expected_spend)
    report = sample_db.execute("select sum(logged_spend_usd), sum(priced_cost_of_logged_calls_usd) "
                               "from marts.rpt_quarterly_observed_vs_inventoried").fetchone()
    assert report[0] > 0 and abs(report[0] - report[1]) <= Decimal("0.05")
    # the span whose model has no price stays, unallocated with its reason
    assert sample_db.execute("select count(*) from intermediate.int_observed_agent_calls_costed where "
                             "unallocated_reason = 'no_price_for_model_and_date' and model = 'mistral-large'"
                             ).fetchone()[0] == 1


def test_excluded_and_bad_observed_rows_are_quarantined_and_counted(sample_db):
    loader = Counter(r["exclusion_reason"] for r in rows(CALENDAR) if r["exclusion_reason"])
    quarantined = Counter(dict(sample_db.execute("""
        select quarantine_reason, count(*) from marts.fct_quarantined_rows
        where input_name = 'calendar_attendance' group by 1""").fetchall()))
    assert quarantined == loader + Counter({"unknown_attendee": 1})  # the client's guest
    assert loader["declined"] > 0 and loader["all_day"] > 0 and loader["zero_length"] == 1
    gateway = dict(sample_db.execute("""
        select quarantine_reason, count(*) from marts.fct_quarantined_rows
        where input_name = 'litellm_spend_logs' group by 1""").fetchall())
    assert gateway == {"duplicate_reexport": 1, "failed_request": 1, "unparseable_number": 1}


def test_no_address_or_title_reaches_a_mart(sample_db):
    columns = sample_db.execute("""
        select table_name, column_name from information_schema.columns
        where table_schema = 'marts' and data_type = 'VARCHAR'""").fetchall()
    for table, column in columns:
        # the file a quarantined row came from may be named after the company, never after a person
        company = "" if (table, column) == ("fct_quarantined_rows", "source_file") else f' or "{column}" like \'%northwind%\''
        hits = sample_db.execute(f'select count(*) from marts."{table}" where "{column}" like \'%@%\'{company}'
                                 ).fetchone()[0]
        assert hits == 0, (table, column)


@pytest.fixture(scope="module")
def observed_off(tmp_path_factory):
    run = run_dbt(["build"], tmp_path_factory.mktemp("observed_off"), {"observed_enabled": False})
    assert run.returncode == 0, run.output[-6000:]
    return run


def test_switched_off_the_observed_figures_read_not_measured(observed_off, sample_db):
    assert "Source observed is switched off" in observed_off.output
    for name in ("variance_observed_vs_inventoried_decision_warn", "variance_observed_vs_inventoried_quarter_error",
                 "variance_logged_spend_vs_price_card_error"):
        assert name not in observed_off.output  # disabled, not passed on empty data
    with observed_off.connect() as off:
        assert off.execute("""
            select count(*) from marts.fct_decisions
            where observation_status is not null or observed_cost_usd is not null
               or observed_not_measured_reason not like 'not measured%'""").fetchone()[0] == 0
        assert off.execute("""
            select count(*) from marts.rpt_quarterly_observed_vs_inventoried
            where observed_cost_usd is not null or observed_meeting_hours is not null
               or observed_not_measured_reason is null""").fetchone()[0] == 0
        # the inventory and every other figure are unchanged
        for sql in ("select sum(total_cost_usd), sum(inventoried_observable_cost_usd), count(*) from marts.fct_decisions",
                    "select sum(inventoried_cost_usd), count(*) from marts.rpt_quarterly_observed_vs_inventoried",
                    "select sum(coordination_cost_usd) from marts.rpt_quarterly_coordination_kpis"):
            assert off.execute(sql).fetchone() == sample_db.execute(sql).fetchone(), sql
        assert off.execute("select count(*) from marts.fct_quarantined_rows where input_name in "
                           "('calendar_attendance', 'litellm_spend_logs', 'otel_genai_spans')").fetchone()[0] == 0
