"""Ranges, not false precision: every estimated total of the rpt_ marts carries a low and a high.

Coordination is an estimate (an inventory of minutes at loaded rates); invoices are exact. So the
band (vars range_low_pct 15, range_high_pct 25) applies to coordination only: low = x 0.85,
high = x 1.25, and the real cost of AI's range is exact billing + coordination's range. Recomputed
here from the facts' unrounded decimals, rounded half up to the cent once.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

LOW, HIGH = Decimal("0.85"), Decimal("1.25")
CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def test_quarterly_ranges_follow_the_band_on_coordination_only(sample_db):
    coordination = dict(sample_db.execute(
        "select quarter_start, sum(coordination_cost_usd) from marts.fct_coordination_edges group by 1").fetchall())
    billed = dict(sample_db.execute(
        "select quarter_start, sum(reported_cost_usd) from marts.fct_billing_charges "
        "where cost_category in ('ai_infrastructure', 'adjacency_cloud') group by 1").fetchall())
    rows = sample_db.execute("""
        select quarter_start, coordination_cost_low_usd, coordination_cost_high_usd, real_ai_cost_low_usd,
               real_ai_cost_high_usd, coordination_cost_usd, real_ai_cost_usd
        from marts.rpt_quarterly_coordination_kpis""").fetchall()
    assert len(rows) == 4
    for quarter, low, high, real_low, real_high, value, real in rows:
        assert (low, high) == (cents(coordination[quarter] * LOW), cents(coordination[quarter] * HIGH)), quarter
        assert real_low == cents(billed[quarter] + coordination[quarter] * LOW), quarter
        assert real_high == cents(billed[quarter] + coordination[quarter] * HIGH), quarter
        assert low < value < high and real_low < real < real_high


def test_the_article_table_ranges_leave_invoices_exact(sample_db):
    rows = sample_db.execute(
        "select cost_category, cost_usd, cost_low_usd, cost_high_usd from marts.rpt_quarterly_real_ai_cost").fetchall()
    assert len(rows) == 24
    for category, cost, low, high in rows:
        if category in ("ai_infrastructure", "adjacency_cloud"):
            assert low == cost == high, category
        else:
            assert low < cost < high, category


def test_segment_totals_carry_their_range(sample_db):
    decisions = dict(((q, t, d), c) for q, t, d, c in sample_db.execute("""
        select decision_quarter_start, decision_type, department, sum(total_cost_usd)
        from marts.fct_decisions where is_ratified group by 1, 2, 3""").fetchall())
    rows = sample_db.execute("select quarter_start, decision_type, department, total_cost_low_usd, total_cost_high_usd "
                             "from marts.rpt_decision_cost_by_segment").fetchall()
    assert len(rows) == len(decisions) > 50
    for quarter, decision_type, department, low, high in rows:
        exact = decisions[(quarter, decision_type, department)]
        assert (low, high) == (cents(exact * LOW), cents(exact * HIGH))
