"""The shipped sample company: the build is clean and the marts reproduce the article."""

from __future__ import annotations

import csv
from decimal import Decimal

from conftest import PROJECT_ROOT

MARTS = ["fct_coordination_edges", "fct_decisions", "rpt_quarterly_real_ai_cost", "rpt_quarterly_coordination_kpis"]


PLANTED_FINDINGS = {
    "variance_rate_card_vs_payroll_warn",  # the executive card was not updated for 2026
    "finding_decisions_in_bottleneck_band",
    "finding_decisions_in_review_bypass_risk_band",
    "finding_decisions_outside_benchmark_band",
    "finding_decisions_without_a2h_review",
    "variance_observed_vs_inventoried_decision_warn",  # DEC-2026-1087's meetings ran 20% over the inventory
}


def test_build_ends_without_error_and_only_the_planted_findings_warn(sample_build):
    summary = [line for line in sample_build.output.splitlines() if "Done. PASS=" in line][-1]
    assert "ERROR=0" in summary and "SKIP=0" in summary, summary
    assert int(summary.split("PASS=")[1].split()[0]) > 150, summary
    warned = {line.split(" WARN ")[1].split()[1] for line in sample_build.output.splitlines()
              if " WARN " in line and " of " in line}
    assert warned == PLANTED_FINDINGS
    findings = [line for line in sample_build.output.splitlines() if "Finding (warn" in line]
    assert len(findings) == len(PLANTED_FINDINGS)
    assert any("executive" in line and "2026-01-01" in line for line in findings)
    assert all("DEC-2026-" in line for line in findings if "decisions" in line)


def test_every_quarter_reproduces_the_article_table(sample_db):
    rows = sample_db.execute(
        """
        select quarter_label, cost_category, share_of_real_ai_cost, reference_share_low, reference_share_high,
               monthly_average_usd, reference_monthly_low_usd, reference_monthly_high_usd
        from marts.rpt_quarterly_real_ai_cost order by quarter_start, display_order
        """
    ).fetchall()
    assert len(rows) == 4 * 6
    assert {r[0] for r in rows} == {"FY2026-Q1", "FY2026-Q2", "FY2026-Q3", "FY2026-Q4"}
    for label, category, share, low, high, monthly, monthly_low, monthly_high in rows:
        assert low <= share <= high, (label, category, share)
        assert monthly_low <= monthly <= monthly_high, (label, category, monthly)


def test_shares_of_each_quarter_add_up_to_one(sample_db):
    for label, total in sample_db.execute(
        "select quarter_label, sum(share_of_real_ai_cost) from marts.rpt_quarterly_real_ai_cost group by 1"
    ).fetchall():
        assert abs(total - Decimal(1)) <= Decimal("0.000006"), (label, total)


def test_median_decision_is_in_the_benchmark_band_with_every_band_populated(sample_db):
    median = sample_db.execute(
        "select median(total_cost_usd) from marts.fct_decisions where is_ratified"
    ).fetchone()[0]
    assert Decimal(1500) <= median < Decimal(3000), median
    bands = dict(sample_db.execute("select cost_band, count(*) from marts.fct_decisions group by 1").fetchall())
    assert set(bands) == {"review_bypass_risk", "lean", "benchmark", "elevated", "bottleneck"}
    assert all(count >= 20 for count in bands.values()), bands


def test_decisions_are_a_few_thousand_and_all_costed(sample_db):
    decisions, not_costed = sample_db.execute(
        "select count(*), count(*) filter (where not is_fully_costed) from marts.fct_decisions"
    ).fetchone()
    assert 2000 <= decisions <= 6000
    assert not_costed == 0


def test_kpis_carry_the_five_metrics_per_quarter(sample_db):
    rows = sample_db.execute(
        """
        select quarter_label, cost_per_decision_median_usd, cost_per_decision_p90_usd, coordination_share,
               coordination_multiplier, h2h_share_of_coordination + h2a_share_of_coordination
               + a2h_share_of_coordination + a2a_share_of_coordination, iterations_per_decision,
               coordination_minus_revenue_growth, coordination_cost_usd, ai_infrastructure_usd, real_ai_cost_usd
        from marts.rpt_quarterly_coordination_kpis order by quarter_start
        """
    ).fetchall()
    assert len(rows) == 4
    for index, (label, median, p90, share, multiplier, mix, loops, growth_gap, coordination, infra, real) in enumerate(rows):
        assert median < p90, label
        assert Decimal("0.76") <= share <= Decimal("0.88"), (label, share)  # the article: 76% to 88%
        assert multiplier == (coordination / infra).quantize(Decimal("0.0001")), label
        assert abs(mix - 1) <= Decimal("0.00001"), (label, mix)
        assert loops > 1, label
        assert (growth_gap is None) == (index == 0), label


def test_kpi_median_matches_an_independent_computation(sample_db):
    for quarter, median in sample_db.execute(
        "select quarter_start, cost_per_decision_median_usd from marts.rpt_quarterly_coordination_kpis"
    ).fetchall():
        costs = sorted(
            r[0] for r in sample_db.execute(
                "select total_cost_usd from marts.fct_decisions where is_ratified and decision_quarter_start = ?",
                [quarter],
            ).fetchall()
        )
        middle = len(costs) // 2
        expected = costs[middle] if len(costs) % 2 else (costs[middle - 1] + costs[middle]) / 2
        assert median == expected.quantize(Decimal("0.01")), quarter


def test_marts_use_decimal_for_money_and_no_float(sample_db):
    columns = sample_db.execute(
        "select table_name, column_name, data_type from information_schema.columns where table_schema = 'marts'"
    ).fetchall()
    for table, column, data_type in columns:
        assert data_type not in ("DOUBLE", "FLOAT", "REAL", "HUGEINT"), (table, column, data_type)
        if column.endswith("_usd"):
            assert data_type.startswith("DECIMAL"), (table, column, data_type)


def test_no_individual_pay_or_name_reaches_a_mart(sample_db):
    forbidden = ("employee", "name", "wages", "salary", "benefits", "pay_line")
    # a row label of the article's table; a source's name; a count of people paid in a quarter;
    # the companies that provide and invoice a cloud or AI service and the service (FOCUS ProviderName,
    # InvoiceIssuerName, ServiceName)
    not_personal = {"display_name", "input_name", "paid_employees", "provider_name", "invoice_issuer_name", "service_name"}
    for table, column in sample_db.execute(
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'"
    ).fetchall():
        assert column in not_personal or not any(word in column for word in forbidden), (table, column)
    with (PROJECT_ROOT / "data/sample/payroll/payroll_register_2026.csv").open() as handle:
        names = {row["employee_name"] for row in csv.DictReader(handle)}
        handle.seek(0)
        ids = {row["employee_id"] for row in csv.DictReader(handle)}
    for (table,) in sample_db.execute("select table_name from information_schema.tables where table_schema = 'marts'").fetchall():
        text_columns = [c for (c,) in sample_db.execute(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ? "
            "and data_type = 'VARCHAR'", [table]).fetchall()]
        for column in text_columns:
            values = {v for (v,) in sample_db.execute(f'select distinct "{column}" from marts."{table}"').fetchall()}
            assert not values & (names | ids), (table, column)


def test_rates_come_from_payroll_and_sit_near_the_rate_card(sample_db):
    rows = sample_db.execute(
        """
        select rates.role, rates.quarter_start, rates.loaded_hourly_rate_usd, card.loaded_hourly_rate_usd
        from intermediate.int_payroll_rates_by_role_quarter as rates
        join staging.stg_reference__role_rates as card
          on rates.role = card.role and rates.quarter_start >= card.valid_from and rates.quarter_start < card.valid_to
        """
    ).fetchall()
    assert len(rows) == 12 * 4
    for role, quarter, derived, card in rows:
        gap = abs(derived - card) / derived
        if role == "executive":  # the planted stale card: a warning, not an error
            assert Decimal("0.15") < gap <= Decimal("0.25"), (role, quarter, derived, card)
        else:
            assert gap <= Decimal("0.15"), (role, quarter, derived, card)
    sources = dict(sample_db.execute(
        "select rate_source, count(*) from intermediate.int_human_minutes_costed group by 1").fetchall())
    assert set(sources) == {"payroll"}, sources


def test_reexported_rows_are_quarantined_not_lost(sample_db):
    reasons = dict(sample_db.execute(
        "select input_name || ':' || quarantine_reason, count(*) from marts.fct_quarantined_rows group by 1"
    ).fetchall())
    assert reasons == {"payroll_register:duplicate_reexport": 12, "focus_billing:duplicate_reexport": 5,
                       # the observed sample's planted rows (tests/python/test_observed.py checks them)
                       "calendar_attendance:declined": 57, "calendar_attendance:resource": 9,
                       "calendar_attendance:all_day": 4, "calendar_attendance:zero_length": 1,
                       "calendar_attendance:unknown_attendee": 1, "litellm_spend_logs:duplicate_reexport": 1,
                       "litellm_spend_logs:failed_request": 1, "litellm_spend_logs:unparseable_number": 1}


def test_marts_have_enforced_contracts(sample_build):
    import json

    manifest = json.loads((sample_build.database.parent / "target" / "manifest.json").read_text())
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["name"] in MARTS:
            assert node["config"]["contract"]["enforced"], node["name"]


def test_every_charge_has_its_provider_across_focus_versions(sample_db):
    # the cloud export is FOCUS 1.0 (ProviderName), the AI vendors' 1.3 (ServiceProviderName)
    providers = dict(sample_db.execute(
        "select provider_name, count(*) from intermediate.int_billing_charges_categorized group by 1").fetchall())
    assert set(providers) == {"AWS", "Anthropic", "OpenAI"}, providers
