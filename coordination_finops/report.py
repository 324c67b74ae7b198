"""The QBR report: one self-contained HTML page and its PNG charts, rendered from the marts.

    coordination-finops-report --database coordination_finops.duckdb \\
        --run-results target/run_results.json --out reports/qbr

It reads the marts of the last `dbt build` (read-only) and the build's `run_results.json`
(for the variance and benchmark findings, whose failing rows dbt stored in the `audit`
schema), and writes `index.html` plus one PNG per chart into the output folder. The page
fetches nothing: styles and the one small script are inline and every chart is a base64
`data:` URI (a Content-Security-Policy forbids anything else).

Money in tables is formatted from the marts' decimals (never floats); charts use floats.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
import json
import os
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import jinja2

DEFAULT_DATABASE = "coordination_finops.duckdb"
DEFAULT_RUN_RESULTS = "target/run_results.json"
DEFAULT_OUT = "reports/qbr"
REPORT_FILE = "index.html"

MARTS = [
    "dim_quarters",
    "fct_decisions",
    "rpt_quarterly_real_ai_cost",
    "rpt_quarterly_coordination_kpis",
    "rpt_decision_cost_by_segment",
]

BANDS = ["review_bypass_risk", "lean", "benchmark", "elevated", "bottleneck"]
BAND_LABELS = {
    "review_bypass_risk": "Review bypass risk",
    "lean": "Lean",
    "benchmark": "Benchmark",
    "elevated": "Elevated",
    "bottleneck": "Bottleneck",
}
BAND_VARS = ["band_lean_from_usd", "band_benchmark_from_usd", "band_elevated_from_usd", "band_bottleneck_from_usd"]
BAND_DEFAULTS = {"band_lean_from_usd": 400, "band_benchmark_from_usd": 1500,
                 "band_elevated_from_usd": 3000, "band_bottleneck_from_usd": 6000}
TOP_DECISIONS = 20
PREVIEW_ROWS = 5

# Categories FinOps already reports are cool colours; the payroll-hidden edges are warm.
CATEGORY_COLOURS = {
    "ai_infrastructure": "#1f4e79",
    "adjacency_cloud": "#7fa7c9",
    "h2h": "#c0504d",
    "a2h": "#e8833a",
    "h2a": "#f2c14e",
    "a2a": "#8c6bb1",
}
EDGES = [("h2h", "H2H"), ("h2a", "H2A"), ("a2h", "A2H"), ("a2a", "A2A")]
BAND_COLOURS = {
    "review_bypass_risk": "#c0504d",
    "lean": "#9bbb59",
    "benchmark": "#4f81bd",
    "elevated": "#f2a541",
    "bottleneck": "#8b1e1e",
}
INK = "#1d2733"
MUTED = "#5b6776"
GRID = "#d9dee5"

CENT = Decimal("0.01")


class ReportError(Exception):
    """A problem the user can fix (missing file, missing mart): printed without a traceback."""


# --------------------------------------------------------------------------- formatting

def usd(value: Decimal | None) -> str:
    """USD with thousands separators and 2 decimals, exact from a Decimal."""
    if value is None:
        return "—"
    if not isinstance(value, Decimal):
        raise TypeError(f"money must be Decimal, got {type(value).__name__}")
    cents = value.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents):,.2f}"


def pct(value: Decimal | None, places: int = 1) -> str:
    """A fraction of 1 as a percentage."""
    if value is None:
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}%"


def points(value: Decimal | None) -> str:
    """A difference of two fractions of 1 as signed percentage points."""
    if value is None:
        return "—"
    scaled = (Decimal(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{'+' if scaled > 0 else ''}{scaled} pp"


def signed_pct(value: Decimal | None) -> str:
    """A growth rate (fraction of 1) as a signed percentage."""
    if value is None:
        return "—"
    scaled = (Decimal(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{'+' if scaled > 0 else ''}{scaled}%"


def times(numerator: Decimal | None, denominator: Decimal | None) -> str:
    """How many times one amount is another (one decimal), exact from decimals."""
    if numerator is None or not denominator:
        return "—"
    return f"{(numerator / denominator).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}×"


def growth_note(gap: Decimal | None) -> str:
    if gap is None:
        return "needs the previous quarter's revenue"
    if gap > 0:
        return "overhead growing faster than the business"
    return "overhead growing no faster than the business"


def count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def plain(value) -> str:
    """A stored-failure cell: decimals exactly as stored, dates in ISO form."""
    if value is None:
        return "—"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def usd_short(value: float, _pos=None) -> str:
    """Chart axis labels ($2.5M, $400k)."""
    if abs(value) >= 1e6:
        return f"${value / 1e6:,.1f}M"
    if abs(value) >= 1e3:
        thousands = value / 1e3
        return f"${thousands:,.0f}k" if thousands == round(thousands) or abs(thousands) >= 100 else f"${thousands:,.1f}k"
    return f"${value:,.0f}"


# --------------------------------------------------------------------------- reading

@dataclass
class Chart:
    id: str
    title: str
    alt: str
    filename: str
    png: bytes = b""

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Finding:
    name: str
    status: str
    severity: str
    rule: str
    is_business_finding: bool
    failures: int | None
    message: str
    table: str | None = None
    stored_rows: int | None = None
    preview_columns: list[str] = field(default_factory=list)
    preview_rows: list[list[str]] = field(default_factory=list)


@dataclass
class BuildResults:
    available: bool
    path: str
    message: str = ""
    generated_at: str | None = None
    dbt_version: str | None = None
    vars: dict = field(default_factory=dict)
    status_counts: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def rows_as_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def open_database(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise ReportError(f"database {path} not found: run `make build` first "
                          f"(or pass --database / set COORD_FINOPS_DUCKDB_PATH)")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise ReportError(f"cannot open database {path}: {error} "
                          f"(is a dbt build still writing to it?)") from None
    present = {name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
    missing = [mart for mart in MARTS if mart not in present]
    if missing:
        con.close()
        raise ReportError(f"database {path} has no {', '.join('marts.' + m for m in missing)}: "
                          f"run `make build` first")
    return con


def band_boundaries(project_dir: Path, build_vars: dict) -> tuple[dict[str, Decimal], str]:
    """The band vars as the build used them: dbt_project.yml defaults, then the build's --vars."""
    values: dict = dict(BAND_DEFAULTS)
    source = "the project's documented defaults"
    project_file = project_dir / "dbt_project.yml"
    if project_file.is_file():
        import yaml  # installed with dbt-core

        project_vars = (yaml.safe_load(project_file.read_text()) or {}).get("vars") or {}
        values.update({k: project_vars[k] for k in BAND_VARS if k in project_vars})
        source = "dbt_project.yml vars"
    overrides = {k: build_vars[k] for k in BAND_VARS if k in build_vars}
    if overrides:
        values.update(overrides)
        source += " with the build's --vars"
    return {k: Decimal(str(values[k])) for k in BAND_VARS}, source


def band_of(cost: Decimal, bounds: dict[str, Decimal]) -> str:
    if cost < bounds["band_lean_from_usd"]:
        return "review_bypass_risk"
    if cost < bounds["band_benchmark_from_usd"]:
        return "lean"
    if cost < bounds["band_elevated_from_usd"]:
        return "benchmark"
    if cost < bounds["band_bottleneck_from_usd"]:
        return "elevated"
    return "bottleneck"


def read_build_results(path: Path, con: duckdb.DuckDBPyConnection) -> BuildResults:
    if not path.is_file():
        return BuildResults(False, str(path), f"No run results at {path}: the findings of the last build "
                            "cannot be listed. Run `make build` (or pass --run-results) and render again.")
    try:
        data = json.loads(path.read_text())
        results = data["results"]
    except (ValueError, KeyError, TypeError) as error:
        return BuildResults(False, str(path), f"{path} is not a dbt run_results.json ({error}): "
                            "the findings of the last build cannot be listed.")
    metadata = data.get("metadata") or {}
    build_vars = (data.get("args") or {}).get("vars") or {}
    if not isinstance(build_vars, dict):
        build_vars = {}
    manifest_nodes = {}
    manifest_path = path.with_name("manifest.json")
    if manifest_path.is_file():
        try:
            manifest_nodes = json.loads(manifest_path.read_text()).get("nodes") or {}
        except ValueError:
            manifest_nodes = {}
    audit_tables = {(schema, name) for schema, name in con.execute(
        "select table_schema, table_name from information_schema.tables").fetchall()}

    tests = [r for r in results if str(r.get("unique_id", "")).split(".")[0] in ("test", "unit_test")]
    if not tests:
        command = (data.get("args") or {}).get("which") or "another command"
        return BuildResults(False, str(path), f"{path} holds no test results: the last dbt command that wrote it "
                            f"was `dbt {command}`, not a build. Run `make build` and render again.")
    status_counts: dict[str, int] = {}
    for result in tests:
        status_counts[result.get("status", "?")] = status_counts.get(result.get("status", "?"), 0) + 1

    findings = []
    for result in tests:
        status = result.get("status")
        if status not in ("warn", "fail", "error"):
            continue
        unique_id = result["unique_id"]
        node = manifest_nodes.get(unique_id) or {}
        config = node.get("config") or {}
        meta = config.get("meta") or node.get("meta") or {}
        name = node.get("name") or unique_id.split(".")[2]
        severity = str(config.get("severity") or ("warn" if status == "warn" else "error")).lower()
        finding = Finding(
            name=name,
            status=status,
            severity=severity,
            rule=meta.get("finding") or node.get("description") or name.replace("_", " "),
            is_business_finding=bool(meta.get("finding")),
            failures=result.get("failures"),
            message=result.get("message") or "",
        )
        relation = result.get("relation_name")
        if relation:
            parts = [p.strip('"') for p in relation.split(".")]
            schema, table = parts[-2], parts[-1]
            if (schema, table) in audit_tables:
                finding.table = f"{schema}.{table}"
                quoted = f'"{schema}"."{table}"'
                finding.stored_rows = con.execute(f"select count(*) from {quoted}").fetchone()[0]
                # Only the business findings (label columns chosen for the log) are previewed:
                # a failed integrity check may store rows a QBR reader should not see (pay lines).
                if finding.is_business_finding:
                    cursor = con.execute(f"select * from {quoted} limit {PREVIEW_ROWS}")
                    finding.preview_columns = [d[0] for d in cursor.description]
                    finding.preview_rows = [[plain(v) for v in row] for row in cursor.fetchall()]
        findings.append(finding)
    order = {"fail": 0, "error": 0, "warn": 1}
    findings.sort(key=lambda f: (order.get(f.status, 2), -(f.failures or 0), f.name))
    return BuildResults(
        available=True,
        path=str(path),
        generated_at=metadata.get("generated_at"),
        dbt_version=metadata.get("dbt_version"),
        vars=build_vars,
        status_counts=status_counts,
        findings=findings,
    )


# --------------------------------------------------------------------------- charts

def _figure(height: float = 4.2):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "text.parse_math": False,  # "$400 to $1,500" is money, not TeX
        "axes.edgecolor": GRID,
        "axes.labelcolor": MUTED,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.titlecolor": INK,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "axes.axisbelow": True,
        "legend.frameon": False,
    })
    fig, ax = plt.subplots(figsize=(10, height), dpi=150)
    return plt, fig, ax


def _png(plt, fig) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def chart_real_cost(quarters: list[str], categories: list[dict], costs: dict) -> bytes:
    from matplotlib.ticker import FuncFormatter

    plt, fig, ax = _figure()
    bottom = [0.0] * len(quarters)
    for category in categories:
        key = category["cost_category"]
        heights = [float(costs[(q, key)] or 0) for q in quarters]  # not measured: no bar
        ax.bar(quarters, heights, bottom=bottom, width=0.58, label=category["display_name"],
               color=CATEGORY_COLOURS.get(key, "#999999"), edgecolor="white", linewidth=0.6)
        bottom = [b + h for b, h in zip(bottom, heights)]
    for x, total in enumerate(bottom):
        ax.annotate(usd_short(total), (x, total), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=10, fontweight="bold", color=INK)
    ax.set_ylim(0, max(bottom + [1.0]) * 1.12)
    ax.yaxis.set_major_formatter(FuncFormatter(usd_short))
    ax.set_title("Real cost of AI per quarter, by category", loc="left")
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9)
    return _png(plt, fig)


def chart_decision_distribution(costs: list[Decimal], bounds: dict[str, Decimal]) -> bytes:
    from matplotlib.ticker import FuncFormatter

    plt, fig, ax = _figure(4.4)
    edges_usd = [float(bounds[k]) for k in BAND_VARS]
    top = max([float(c) for c in costs] + [edges_usd[-1] * 1.25])
    step = 100.0
    grid = [i * step for i in range(int(top // step) + 2)]
    bins = sorted(set(grid) | set(edges_usd))
    counts = [0] * (len(bins) - 1)
    import bisect

    for cost in costs:
        index = min(bisect.bisect_right(bins, float(cost)) - 1, len(counts) - 1)
        counts[max(index, 0)] += 1
    lower = [0.0] + edges_usd
    upper = edges_usd + [bins[-1]]
    for band, lo, hi in zip(BANDS, lower, upper):
        ax.axvspan(lo, hi, color=BAND_COLOURS[band], alpha=0.07, linewidth=0)
    colours = [BAND_COLOURS[BANDS[bisect.bisect_right(edges_usd, left)]] for left in bins[:-1]]
    ax.bar(bins[:-1], counts, width=[b - a for a, b in zip(bins[:-1], bins[1:])], align="edge",
           color=colours, edgecolor="white", linewidth=0.3)
    peak = max(counts + [1])
    for edge in edges_usd:
        ax.axvline(edge, color=INK, linewidth=0.9, linestyle=(0, (4, 3)))
        ax.annotate(usd_short(edge), (edge, peak * 1.16), ha="center", va="bottom", fontsize=8.5, color=INK,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"})
    from matplotlib.patches import Patch

    ranges = band_ranges(bounds)
    ax.legend(handles=[Patch(color=BAND_COLOURS[band], label=f"{BAND_LABELS[band]} ({text})")
                       for band, text in zip(BANDS, ranges)],
              loc="upper right", bbox_to_anchor=(1.0, 0.93), fontsize=9, title="Band", title_fontsize=9)
    ax.set_ylim(0, peak * 1.25)
    ax.set_xlim(0, bins[-1])
    ax.xaxis.set_major_formatter(FuncFormatter(usd_short))
    ax.set_xlabel("Total cost per ratified decision (USD, bins of $100)")
    ax.set_ylabel("Decisions")
    ax.set_title("Cost per decision against the five benchmark bands", loc="left", pad=14)
    return _png(plt, fig)


def chart_edge_mix(quarters: list[str], kpis: list[dict]) -> bytes:
    from matplotlib.ticker import PercentFormatter

    plt, fig, ax = _figure(3.4)
    bottom = [0.0] * len(quarters)
    for key, label in EDGES:
        shares = [float(row[f"{key}_share_of_coordination"] or 0) * 100 for row in kpis]
        bars = ax.bar(quarters, shares, bottom=bottom, width=0.5, label=label,
                      color=CATEGORY_COLOURS[key], edgecolor="white", linewidth=0.6)
        for bar, share, base in zip(bars, shares, bottom):
            if share >= 4:
                ax.text(bar.get_x() + bar.get_width() / 2, base + share / 2, f"{share:.1f}%", ha="center",
                        va="center", fontsize=9, color="white" if key in ("h2h", "a2a") else INK)
        bottom = [b + s for b, s in zip(bottom, shares)]
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(PercentFormatter())
    ax.set_title("Edge mix: share of coordination cost per quarter", loc="left")
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="center left", bbox_to_anchor=(1.01, 0.5))
    return _png(plt, fig)


def chart_growth(kpis: list[dict]) -> bytes:
    from matplotlib.ticker import PercentFormatter

    plt, fig, ax = _figure(3.8)
    rows = [row for row in kpis if row["coordination_growth_qoq"] is not None]
    labels = [row["quarter_label"] for row in rows]
    series = [("coordination_growth_qoq", "Coordination cost", CATEGORY_COLOURS["h2h"]),
              ("revenue_growth_qoq", "Revenue", "#1f4e79"),
              ("headcount_growth_qoq", "Headcount (FTE)", "#7fa7c9")]
    width = 0.26
    for i, (column, label, colour) in enumerate(series):
        values = [float(row[column]) * 100 if row[column] is not None else 0.0 for row in rows]
        xs = [x + (i - 1) * width for x in range(len(rows))]
        ax.bar(xs, values, width=width, label=label, color=colour)
        for x, v in zip(xs, values):
            ax.annotate(f"{v:+.1f}%", (x, v), xytext=(0, 3 if v >= 0 else -11), textcoords="offset points",
                        ha="center", fontsize=8.5, color=INK)
    ax.axhline(0, color=MUTED, linewidth=0.8)
    ax.set_xticks(range(len(rows)), labels)
    ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.set_ylabel("Growth on the previous quarter")
    ax.set_title("Coordination growth vs. revenue and headcount growth", loc="left")
    ax.legend(loc="upper left", ncols=3)
    ymax = max([float(row[c]) * 100 for row in rows for c, _, _ in series if row[c] is not None] + [1.0])
    ax.set_ylim(min(0.0, ax.get_ylim()[0]), ymax * 1.35)
    return _png(plt, fig)


def chart_qbr_lines(kpis: list[dict]) -> bytes:
    from matplotlib.ticker import FuncFormatter

    plt, fig, ax = _figure(3.8)
    labels = [row["quarter_label"] for row in kpis]
    series = [("total_payroll_usd", "Total loaded payroll", "#9aa5b1"),
              ("total_cloud_and_ai_bill_usd", "Cloud and AI bill (all billing)", "#1f4e79"),
              ("coordination_cost_usd", "Coordination (H2H + H2A + A2H + A2A)", CATEGORY_COLOURS["h2h"])]
    width = 0.26
    for i, (column, label, colour) in enumerate(series):
        values = [float(row[column]) if row[column] is not None else 0.0 for row in kpis]
        xs = [x + (i - 1) * width for x in range(len(kpis))]
        ax.bar(xs, values, width=width, label=label, color=colour)
        for x, v in zip(xs, values):
            ax.annotate(usd_short(v), (x, v), xytext=(0, 3), textcoords="offset points", ha="center",
                        fontsize=8, color=INK)
    ax.set_xticks(range(len(kpis)), labels)
    ax.yaxis.set_major_formatter(FuncFormatter(usd_short))
    ax.set_title("The coordination line beside payroll and the cloud bill", loc="left")
    ax.legend(loc="upper left", ncols=3, fontsize=9)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.15)
    return _png(plt, fig)


# --------------------------------------------------------------------------- the report

def build_context(con: duckdb.DuckDBPyConnection, database: Path, build: BuildResults,
                  project_dir: Path) -> tuple[dict, list[Chart]]:
    quarters_rows = rows_as_dicts(con, "select * from marts.dim_quarters order by quarter_start")
    kpis = rows_as_dicts(con, "select * from marts.rpt_quarterly_coordination_kpis order by quarter_start")
    if not quarters_rows or not kpis:
        raise ReportError(f"marts in {database} hold no quarter: run `make build` on data with decisions first")
    quarters = [row["quarter_label"] for row in kpis]
    last, previous = kpis[-1], (kpis[-2] if len(kpis) > 1 else None)
    quarter_ends = {row["quarter_label"]: row["quarter_end"] for row in quarters_rows}

    real_cost = rows_as_dicts(con, "select * from marts.rpt_quarterly_real_ai_cost order by quarter_start, display_order")
    categories = [row for row in real_cost if row["quarter_label"] == quarters[0]]
    cells = {(row["quarter_label"], row["cost_category"]): row for row in real_cost}
    real_totals = {row["quarter_label"]: row["real_ai_cost_usd"] for row in real_cost}
    real_cost_rows = []
    for category in categories:
        key = category["cost_category"]
        real_cost_rows.append({
            "key": key,
            "name": category["display_name"],
            "colour": CATEGORY_COLOURS.get(key, "#999"),
            "cells": [{"cost": usd(cells[(q, key)]["cost_usd"]), "share": pct(cells[(q, key)]["share_of_real_ai_cost"]),
                       "within": cells[(q, key)]["is_within_reference_share"]} for q in quarters],
            "reference": f"{pct(category['reference_share_low'], 0)}–{pct(category['reference_share_high'], 0)}",
            "covered": category["covered_by_current_finops"],
            "coverage": category["finops_coverage"],
        })
    last_rows = [cells[(quarters[-1], c["cost_category"])] for c in categories]
    covered_total = sum((r["cost_usd"] or Decimal(0) for r in last_rows if r["covered_by_current_finops"]), Decimal(0))
    hidden_total = sum((r["cost_usd"] or Decimal(0) for r in last_rows if not r["covered_by_current_finops"]), Decimal(0))

    bounds, bounds_source = band_boundaries(project_dir, build.vars)
    decisions = rows_as_dicts(con, """
        select decision_id, title, decision_type, department, decision_quarter_label, total_cost_usd,
               edge_count, iteration_count, has_a2h_review, cost_band
        from marts.fct_decisions
        where is_ratified
        order by total_cost_usd desc, decision_id
    """)
    disagreeing = sum(1 for d in decisions if d["cost_band"] and d["cost_band"] != band_of(d["total_cost_usd"], bounds))

    def band_table(band: str, descending: bool) -> dict:
        rows = [d for d in decisions if d["cost_band"] == band]
        ordered = rows if descending else list(reversed(rows))
        per_quarter = [(q, sum(1 for d in rows if d["decision_quarter_label"] == q)) for q in quarters]
        return {
            "band": band,
            "label": BAND_LABELS[band],
            "total": len(rows),
            "per_quarter": per_quarter,
            "rows": [{
                "decision_id": d["decision_id"], "title": d["title"], "quarter": d["decision_quarter_label"],
                "type": d["decision_type"].replace("_", " "), "department": d["department"],
                "cost": usd(d["total_cost_usd"]), "edges": count(d["edge_count"]),
                "iterations": count(d["iteration_count"]),
                "a2h": "yes" if d["has_a2h_review"] else "no",
            } for d in ordered[:TOP_DECISIONS]],
        }

    band_counts = []
    for row in kpis:
        total = row["decisions_ratified"] or 0
        band_counts.append({
            "quarter": row["quarter_label"],
            "total": count(total),
            "median": usd(row["cost_per_decision_median_usd"]),
            "p90": usd(row["cost_per_decision_p90_usd"]),
            "bands": [{"count": count(row[f"decisions_{b}"]),
                       "share": pct(Decimal(row[f"decisions_{b}"] or 0) / total) if total else "—"} for b in BANDS],
        })

    segments = rows_as_dicts(con, """
        select decision_type, department, decisions_ratified, cost_per_decision_median_usd,
               cost_per_decision_p90_usd, decisions_review_bypass_risk, decisions_bottleneck
        from marts.rpt_decision_cost_by_segment
        where quarter_label = ?
        order by decisions_bottleneck + decisions_review_bypass_risk desc, cost_per_decision_p90_usd desc,
                 decision_type, department
        limit 10
    """, [quarters[-1]])

    edge_rows = [{
        "quarter": row["quarter_label"],
        "shares": [pct(row[f"{key}_share_of_coordination"]) for key, _ in EDGES],
        "iterations": str(row["iterations_per_decision"]) if row["iterations_per_decision"] is not None else "—",
        "multiplier": usd(row["coordination_multiplier"]),
    } for row in kpis]

    growth_rows = [{
        "quarter": row["quarter_label"],
        "coordination": usd(row["coordination_cost_usd"]),
        "revenue": usd(row["revenue_usd"]),
        "headcount": str(row["headcount_fte"]) if row["headcount_fte"] is not None else "—",
        "coordination_growth": signed_pct(row["coordination_growth_qoq"]),
        "revenue_growth": signed_pct(row["revenue_growth_qoq"]),
        "headcount_growth": signed_pct(row["headcount_growth_qoq"]),
        "gap_revenue": points(row["coordination_minus_revenue_growth"]),
        "gap_headcount": points(row["coordination_minus_headcount_growth"]),
        "faster": row["coordination_minus_revenue_growth"] is not None and row["coordination_minus_revenue_growth"] > 0,
    } for row in kpis]

    qbr_rows = []
    for row in kpis:
        payroll = row["total_payroll_usd"]
        qbr_rows.append({
            "quarter": row["quarter_label"],
            "payroll": usd(payroll) if payroll is not None else "withheld (fewer payees than the privacy floor)",
            "bill": usd(row["total_cloud_and_ai_bill_usd"]),
            "coordination": usd(row["coordination_cost_usd"]),
            "real": usd(row["real_ai_cost_usd"]),
            "of_payroll": pct(row["coordination_cost_usd"] / payroll) if payroll else "—",
            "vs_bill": times(row["coordination_cost_usd"], row["total_cloud_and_ai_bill_usd"]),
        })

    def change(current, before):
        if before in (None, 0) or current is None:
            return None
        return (Decimal(current) - Decimal(before)) / Decimal(before)

    kpi_cards = [
        {"label": "Real cost of AI", "value": usd(last["real_ai_cost_usd"]),
         "range": value_range_text(last["real_ai_cost_low_usd"], last["real_ai_cost_high_usd"]),
         "note": (f"{signed_pct(change(last['real_ai_cost_usd'], previous['real_ai_cost_usd']))} on {previous['quarter_label']}"
                  if previous else "first quarter")},
        {"label": "Coordination cost", "value": usd(last["coordination_cost_usd"]),
         "range": value_range_text(last["coordination_cost_low_usd"], last["coordination_cost_high_usd"]),
         "note": "the four edges, at loaded rates"},
        {"label": "Coordination share", "value": pct(last["coordination_share"]),
         "note": "of the real cost of AI sits in payroll"},
        {"label": "Coordination multiplier", "value": usd(last["coordination_multiplier"]),
         "note": "of coordination per $1 of AI infrastructure"},
        {"label": "Median cost per decision", "value": usd(last["cost_per_decision_median_usd"]),
         "note": f"p90 {usd(last['cost_per_decision_p90_usd'])}; "
                 f"{BAND_LABELS[band_of(last['cost_per_decision_median_usd'], bounds)].lower()} band"
                 if last["cost_per_decision_median_usd"] is not None else "no ratified decision"},
        {"label": "Coordination vs. revenue growth", "value": points(last["coordination_minus_revenue_growth"]),
         "note": growth_note(last["coordination_minus_revenue_growth"])},
    ]

    charts = [
        Chart("chart-real-cost", "Real cost of AI per quarter", "Stacked bars: real cost of AI per quarter by category",
              "real_cost_of_ai_by_quarter.png",
              chart_real_cost(quarters, categories, {k: v["cost_usd"] for k, v in cells.items()})),
        Chart("chart-decision-cost-bands", "Cost per decision against the bands",
              "Histogram of the cost per ratified decision with the benchmark band boundaries",
              "decision_cost_distribution.png",
              chart_decision_distribution([d["total_cost_usd"] for d in decisions], bounds)),
        Chart("chart-edge-mix", "Edge mix per quarter", "Stacked shares of H2H, H2A, A2H and A2A in coordination cost per quarter",
              "edge_mix_by_quarter.png", chart_edge_mix(quarters, kpis)),
        Chart("chart-growth", "Coordination vs. revenue and headcount growth",
              "Bars: quarter-over-quarter growth of coordination cost, revenue and headcount",
              "coordination_vs_revenue_headcount_growth.png", chart_growth(kpis)),
        Chart("chart-qbr-lines", "Coordination beside payroll and cloud spend",
              "Bars per quarter: total payroll, cloud and AI bill, coordination cost",
              "coordination_payroll_cloud.png", chart_qbr_lines(kpis)),
    ]

    generated_at = None
    if build.generated_at:
        try:
            generated_at = dt.datetime.fromisoformat(build.generated_at.replace("Z", "+00:00"))
        except ValueError:
            generated_at = None
    if generated_at:
        build_time = generated_at.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        build_time_source = f"dbt {build.dbt_version or ''} run results".replace("  ", " ")
    else:
        modified = dt.datetime.fromtimestamp(database.stat().st_mtime, dt.timezone.utc)
        build_time = modified.strftime("%Y-%m-%d %H:%M UTC")
        build_time_source = "database file modified (no run results)"

    context = {
        "title": "Coordination FinOps — quarterly business review",
        "first_quarter": quarters[0],
        "last_quarter": quarters[-1],
        "first_day": kpis[0]["quarter_start"].strftime("%-d %b %Y"),
        "last_day": quarter_ends[quarters[-1]].strftime("%-d %b %Y") if quarters[-1] in quarter_ends else "",
        "quarter_count": len(quarters),
        "build_time": build_time,
        "build_time_source": build_time_source,
        "rendered_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "database_name": database.name,
        "kpi_cards": kpi_cards,
        "first_qbr_line": first_qbr_line(con, last, bounds),
        "quarters": quarters,
        "real_cost_rows": real_cost_rows,
        "real_totals": [{"quarter": q, "value": usd(real_totals[q]),
                         "share": "100.0%" if real_totals[q] is not None else "—"} for q in quarters],
        # billing switched off: what current FinOps covers is not measured, not zero
        "covered_total": usd(covered_total) if real_totals[quarters[-1]] is not None else None,
        "hidden_total": usd(hidden_total),
        "hidden_share": pct(hidden_total / real_totals[quarters[-1]]) if real_totals[quarters[-1]] else "—",
        "bands": [{"key": b, "label": BAND_LABELS[b], "colour": BAND_COLOURS[b]} for b in BANDS],
        "band_ranges": band_ranges(bounds),
        "bounds_source": bounds_source,
        "band_disagreements": disagreeing,
        "band_counts": band_counts,
        "decisions_total": count(len(decisions)),
        "bottleneck": band_table("bottleneck", descending=True),
        "bypass": band_table("review_bypass_risk", descending=False),
        "top_n": TOP_DECISIONS,
        "segments": [{
            "type": s["decision_type"].replace("_", " "), "department": s["department"],
            "decisions": count(s["decisions_ratified"]), "median": usd(s["cost_per_decision_median_usd"]),
            "p90": usd(s["cost_per_decision_p90_usd"]), "bypass": count(s["decisions_review_bypass_risk"]),
            "bottleneck": count(s["decisions_bottleneck"]),
        } for s in segments],
        "edge_labels": [label for _, label in EDGES],
        "edge_rows": edge_rows,
        "growth_rows": growth_rows,
        "qbr_rows": qbr_rows,
        "observed": observed_context(con),
        "build": build,
        "charts": {chart.id: chart for chart in charts},
        "chart_count": len(charts),
    }
    return context, charts


OBSERVED_LINES = {
    "observed_decisions": "Decisions observed in calendars or telemetry",
    "unobserved_decisions": "Decisions nobody observed (inventory only)",
    "no_decision": "Observed, tied to no decision",
}


def observed_context(con: duckdb.DuckDBPyConnection) -> dict:
    """Observed vs. inventoried coordination per quarter and line, and the decisions off the variance band."""
    present = con.execute("select count(*) from information_schema.tables where table_schema = 'marts' "
                          "and table_name = 'rpt_quarterly_observed_vs_inventoried'").fetchone()[0]
    if not present:
        return {"available": False, "reason": "marts.rpt_quarterly_observed_vs_inventoried is not in this build"}
    rows = rows_as_dicts(con, "select * from marts.rpt_quarterly_observed_vs_inventoried "
                              "order by quarter_start, display_order")
    reason = next((r["observed_not_measured_reason"] for r in rows if r["observed_not_measured_reason"]), None)
    off_band = rows_as_dicts(con, """
        select decision_id, decision_quarter_label, inventoried_meeting_minutes, observed_meeting_minutes,
               inventoried_observable_cost_usd, observed_cost_usd, observed_variance_pct, observed_variance_band
        from marts.fct_decisions
        where observed_variance_band in ('warn', 'error')
        order by abs(observed_variance_pct) desc, decision_id
        limit 20
    """) if reason is None else []
    return {
        "available": True,
        "reason": reason,
        "rows": [{
            "quarter": r["quarter_label"], "line": r["line"], "label": OBSERVED_LINES.get(r["line"], r["line"]),
            "decisions": count(r["decision_count"]) if r["line"] != "no_decision" else "—",
            "inventoried_hours": f"{r['inventoried_meeting_hours']:,}",
            "observed_hours": f"{r['observed_meeting_hours']:,}" if r["observed_meeting_hours"] is not None else "not measured",
            "inventoried": usd(r["inventoried_cost_usd"]) if r["line"] != "no_decision" else "—",
            "observed": usd(r["observed_cost_usd"]) if r["observed_cost_usd"] is not None else "not measured",
            "variance": signed_pct(r["variance_pct"] / 100) if r["variance_pct"] is not None else "—",
            "band": r["variance_band"] or "",
            "logged": usd(r["logged_spend_usd"]) if r["logged_spend_usd"] is not None else "—",
            "priced": usd(r["priced_cost_of_logged_calls_usd"]) if r["priced_cost_of_logged_calls_usd"] is not None else "—",
        } for r in rows],
        "off_band": [{
            "decision": d["decision_id"], "quarter": d["decision_quarter_label"] or "open",
            "inventoried_hours": plain((Decimal(d["inventoried_meeting_minutes"]) / 60).quantize(Decimal("0.01"))),
            "observed_hours": plain((Decimal(d["observed_meeting_minutes"]) / 60).quantize(Decimal("0.01"))),
            "inventoried": usd(d["inventoried_observable_cost_usd"]), "observed": usd(d["observed_cost_usd"]),
            "variance": signed_pct(d["observed_variance_pct"] / 100), "band": d["observed_variance_band"],
        } for d in off_band],
    }


def first_qbr_line(con: duckdb.DuckDBPyConnection, last: dict, bounds: dict[str, Decimal]) -> list[str]:
    """The three numbers the article asks a company to bring to its first QBR."""
    median = last["cost_per_decision_median_usd"]
    if median is None:
        verdict = "no decision was ratified in the quarter"
    else:
        low, high = bounds["band_benchmark_from_usd"], bounds["band_elevated_from_usd"]
        where = "below" if median < low else ("within" if median < high else "above")
        verdict = f"median {usd(median)} over {last['decisions_ratified']:,} decisions: {where} the {usd(low)}–{usd(high)} benchmark"
    beside = []
    for label, column in (("total payroll", "total_payroll_usd"), ("the cloud and AI bill", "total_cloud_and_ai_bill_usd")):
        beside.append(f"{label} {usd(last[column])}" if last[column] is not None else f"{label} not measured")
    edges = con.execute(
        "select edge_type, sum(coordination_cost_usd) as cost from marts.fct_coordination_edges "
        "where quarter_start = ? group by edge_type order by cost desc limit 1", [last["quarter_start"]]).fetchall()
    costliest = f"{edges[0][0]}, {usd(edges[0][1])}" if edges else "no edge in the quarter"
    return [
        f"Cost per decision: {verdict}.",
        f"Coordination {usd(last['coordination_cost_usd'])} "
        f"({value_range_text(last['coordination_cost_low_usd'], last['coordination_cost_high_usd'])}), "
        f"beside {' and '.join(beside)}.",
        f"The edge that costs most: {costliest}.",
    ]


def value_range_text(low, high) -> str:
    """An estimate's range, so a CFO presents an order of magnitude that holds."""
    return f"range {usd(low)} – {usd(high)}" if low is not None and high is not None else "range not measured"


def band_ranges(bounds: dict[str, Decimal]) -> list[str]:
    b = [usd(bounds[k]).replace(".00", "") for k in BAND_VARS]
    return [f"under {b[0]}", f"{b[0]} to under {b[1]}", f"{b[1]} to under {b[2]}", f"{b[2]} to under {b[3]}",
            f"{b[3]} and over"]


TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{{ title }}: {{ first_quarter }} to {{ last_quarter }}</title>
<script>
(function () {
  var errors = [];
  function show() {
    if (!document.body) return;
    document.body.dataset.jsErrors = String(errors.length);
    var list = document.getElementById("js-errors");
    if (!list) return;
    list.textContent = "";
    errors.forEach(function (text) { var item = document.createElement("li"); item.textContent = text; list.appendChild(item); });
  }
  window.onerror = function (message, source, line) { errors.push(String(message) + " (line " + line + ")"); show(); };
  window.addEventListener("load", function () {
    var images = document.getElementsByTagName("img"), loaded = 0;
    for (var i = 0; i < images.length; i++) {
      if (images[i].complete && images[i].naturalWidth > 0) { loaded++; } else { errors.push("chart did not load: " + images[i].id); }
    }
    document.body.dataset.chartsLoaded = String(loaded);
    document.body.dataset.pageHeight = String(document.documentElement.scrollHeight);
    show();
  });
})();
</script>
<style>
  :root { --ink: #1d2733; --muted: #5b6776; --rule: #d9dee5; --soft: #f4f6f9; --accent: #1f4e79; --warm: #c0504d; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #eef1f5; color: var(--ink);
         font: 14px/1.5 -apple-system, "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
  main { max-width: 1240px; margin: 0 auto; padding: 0 28px 48px; background: #fff; min-height: 100vh; }
  header.top { padding: 30px 0 18px; border-bottom: 3px solid var(--accent); margin-bottom: 22px; }
  header.top h1 { margin: 0 0 6px; font-size: 26px; letter-spacing: -0.01em; }
  header.top .period { font-size: 16px; color: var(--ink); }
  header.top .meta { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
  h2 { font-size: 19px; margin: 38px 0 6px; padding-top: 10px; border-top: 1px solid var(--rule); }
  h3 { font-size: 15px; margin: 24px 0 6px; }
  p.lede { color: var(--muted); margin: 0 0 14px; max-width: 900px; }
  .cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; }
  .card { background: var(--soft); border-radius: 6px; padding: 12px 14px; border-top: 3px solid var(--accent); }
  .card .label { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
  .card .value { font-size: 22px; font-weight: 700; margin: 2px 0; font-variant-numeric: tabular-nums; }
  .card .note { font-size: 12px; color: var(--muted); }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 6px; font-variant-numeric: tabular-nums; font-size: 13px; }
  caption { text-align: left; font-weight: 600; padding: 4px 0 6px; color: var(--ink); }
  th, td { padding: 5px 9px; border-bottom: 1px solid var(--rule); vertical-align: top; }
  thead th { background: var(--soft); color: var(--muted); font-weight: 600; font-size: 12px; text-align: left; white-space: nowrap; }
  th.num, td.num { text-align: right; white-space: nowrap; }
  tbody tr:hover { background: #fafbfc; }
  tr.total td, tr.total th { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: none; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 7px; vertical-align: baseline; }
  .yes { color: #2e6b34; font-weight: 600; } .no { color: var(--warm); font-weight: 600; }
  .out { color: var(--warm); }
  .tag { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11.5px; font-weight: 600; color: #fff; }
  .sev-warn { background: #d9822b; } .sev-error { background: #b03a2e; } .sev-ok { background: #4a7c59; }
  figure { margin: 12px 0 8px; } figure img { width: 100%; height: auto; display: block; }
  figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }
  .note { color: var(--muted); font-size: 12px; }
  .callout { background: #fff6e5; border-left: 4px solid #d9822b; padding: 8px 12px; margin: 10px 0; }
  details summary { cursor: pointer; color: var(--accent); font-size: 12.5px; }
  ul#js-errors:empty { display: none; }
  ul#js-errors { background: #fdecea; color: #b03a2e; padding: 8px 28px; }
  footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule); padding-top: 10px; }
  code { font-size: 12px; background: var(--soft); padding: 0 4px; border-radius: 3px; }
</style>
</head>
<body data-charts-expected="{{ chart_count }}" data-charts-loaded="0" data-js-errors="0">
<main>
<ul id="js-errors"></ul>
<header class="top">
  <h1>{{ title }}</h1>
  <div class="period" id="quarter-range">{{ first_quarter }} to {{ last_quarter }} ({{ first_day }} – {{ last_day }}, {{ quarter_count }} quarter{{ "s" if quarter_count != 1 }})</div>
  <div class="meta" id="build-time">Data built {{ build_time }} ({{ build_time_source }}) · report rendered {{ rendered_at }} · warehouse <code>{{ database_name }}</code></div>
</header>

<section id="key-figures">
  <h2 style="border-top:none;margin-top:0">Key figures, {{ last_quarter }}</h2>
  <div class="cards">
  {% for card in kpi_cards %}
    <div class="card"><div class="label">{{ card.label }}</div><div class="value">{{ card.value }}</div>{% if card.get('range') %}<div class="note range">{{ card['range'] }}</div>{% endif %}<div class="note">{{ card.note }}</div></div>
  {% endfor %}
  </div>
</section>

<section id="first-qbr-line">
  <h2>The first QBR line, {{ last_quarter }}</h2>
  <ul class="lede">{% for line in first_qbr_line %}<li>{{ line }}</li>{% endfor %}</ul>
</section>

<section id="real-cost">
  <h2>1. The real cost of AI</h2>
  <p class="lede">AI infrastructure and adjacency cloud are what cloud and AI FinOps already report. The four coordination
  edges are senior payroll spent around AI: in {{ last_quarter }} they were {{ hidden_total }} ({{ hidden_share }} of the real cost of AI),
  {% if covered_total %}against {{ covered_total }} that current FinOps covers.{% else %}what current FinOps
  covers is not measured (no billing export connected).{% endif %}</p>
  <div class="scroll">
  <table id="real-cost-table">
    <caption>Cost and share of the real cost of AI, per quarter (USD)</caption>
    <thead>
      <tr><th rowspan="2">Category</th>
      {% for q in quarters %}<th class="num" colspan="2">{{ q }}</th>{% endfor %}
      <th class="num" rowspan="2">Reference share</th><th rowspan="2">Covered by current FinOps?</th></tr>
      <tr>{% for q in quarters %}<th class="num">Cost</th><th class="num">Share</th>{% endfor %}</tr>
    </thead>
    <tbody>
    {% for row in real_cost_rows %}
      <tr data-category="{{ row.key }}"><th scope="row" style="text-align:left;font-weight:500"><span class="swatch" style="background:{{ row.colour }}"></span>{{ row.name }}</th>
      {% for cell in row.cells %}<td class="num">{{ cell.cost }}</td><td class="num{{ '' if cell.within else ' out' }}"{% if not cell.within %} title="outside the reference range"{% endif %}>{{ cell.share }}</td>{% endfor %}
      <td class="num">{{ row.reference }}</td>
      <td><span class="{{ 'yes' if row.covered else 'no' }}">{{ "Yes" if row.covered else "No" }}</span> <span class="note">{{ row.coverage }}</span></td></tr>
    {% endfor %}
      <tr class="total"><th scope="row" style="text-align:left">Real cost of AI</th>
      {% for t in real_totals %}<td class="num" id="real-cost-total-{{ t.quarter }}">{{ t.value }}</td><td class="num">{{ t.share }}</td>{% endfor %}
      <td></td><td></td></tr>
    </tbody>
  </table>
  </div>
  <p class="note">Rows are rounded to the cent; each total is the unrounded sum rounded once, so a column can differ from its total by a cent.
  A share in red lies outside the article's reference range.</p>
  {% set chart = charts["chart-real-cost"] %}
  <figure><img id="{{ chart.id }}" alt="{{ chart.alt }}" data-file="{{ chart.filename }}" src="{{ chart.data_uri }}"><figcaption>{{ chart.filename }} · source <code>marts.rpt_quarterly_real_ai_cost</code></figcaption></figure>
</section>

<section id="cost-per-decision">
  <h2>2. Cost per decision against the benchmark bands</h2>
  <p class="lede">Every ratified cross-functional decision ({{ decisions_total }} from {{ first_quarter }} to {{ last_quarter }}) is
  costed as the sum of the edges it traversed and placed in the article's mid-market bands. Under the lean band, critical human review
  is probably being skipped; in the bottleneck band the workflow itself is the problem.</p>
  {% set chart = charts["chart-decision-cost-bands"] %}
  <figure><img id="{{ chart.id }}" alt="{{ chart.alt }}" data-file="{{ chart.filename }}" src="{{ chart.data_uri }}"><figcaption>{{ chart.filename }} · band boundaries from {{ bounds_source }} · source <code>marts.fct_decisions</code></figcaption></figure>
  {% if band_disagreements %}<p class="callout">{{ band_disagreements }} decisions carry a band in the mart that differs from these boundaries: the build used other band vars than the report reads.</p>{% endif %}
  <table id="band-table">
    <caption>Decisions per band and quarter</caption>
    <thead><tr><th>Quarter</th><th class="num">Ratified</th><th class="num">Median</th><th class="num">p90</th>
      {% for b in bands %}<th class="num"><span class="swatch" style="background:{{ b.colour }}"></span>{{ b.label }}<br><span class="note">{{ band_ranges[loop.index0] }}</span></th>{% endfor %}</tr></thead>
    <tbody>
    {% for row in band_counts %}
      <tr><th scope="row" style="text-align:left">{{ row.quarter }}</th><td class="num">{{ row.total }}</td><td class="num">{{ row.median }}</td><td class="num">{{ row.p90 }}</td>
      {% for b in row.bands %}<td class="num">{{ b.count }} <span class="note">({{ b.share }})</span></td>{% endfor %}</tr>
    {% endfor %}
    </tbody>
  </table>

  <h3>Segments to look at first, {{ last_quarter }}</h3>
  <table id="segment-table">
    <caption>Decision type and department by decisions in the bottleneck and review-bypass bands (top 10; source <code>marts.rpt_decision_cost_by_segment</code>)</caption>
    <thead><tr><th>Decision type</th><th>Department</th><th class="num">Ratified</th><th class="num">Median</th><th class="num">p90</th><th class="num">Bottleneck</th><th class="num">Review bypass risk</th></tr></thead>
    <tbody>
    {% for s in segments %}<tr><td>{{ s.type }}</td><td>{{ s.department }}</td><td class="num">{{ s.decisions }}</td><td class="num">{{ s.median }}</td><td class="num">{{ s.p90 }}</td><td class="num">{{ s.bottleneck }}</td><td class="num">{{ s.bypass }}</td></tr>{% endfor %}
    </tbody>
  </table>

  {% for table in [bottleneck, bypass] %}
  <h3 id="{{ table.band }}-decisions">{{ table.label }}: {{ table.total }} decision{{ "s" if table.total != 1 }}
    <span class="note">({% for q, n in table.per_quarter %}{{ q }} {{ n }}{{ ", " if not loop.last }}{% endfor %})</span></h3>
  {% if table.rows %}
  <table id="{{ table.band }}-table" data-count="{{ table.total }}">
    <caption>{% if table.band == "bottleneck" %}The {{ table.rows|length }} most expensive{% else %}The {{ table.rows|length }} least expensive (the likeliest to have skipped review){% endif %}</caption>
    <thead><tr><th>Decision</th><th>Title</th><th>Quarter</th><th>Type</th><th>Department</th><th class="num">Total cost</th><th class="num">Edges</th><th class="num">Iterations</th><th>A2H review</th></tr></thead>
    <tbody>
    {% for d in table.rows %}<tr><td><code>{{ d.decision_id }}</code></td><td>{{ d.title }}</td><td>{{ d.quarter }}</td><td>{{ d.type }}</td><td>{{ d.department }}</td><td class="num">{{ d.cost }}</td><td class="num">{{ d.edges }}</td><td class="num">{{ d.iterations }}</td><td class="{{ 'yes' if d.a2h == 'yes' else 'no' }}">{{ d.a2h }}</td></tr>{% endfor %}
    </tbody>
  </table>
  {% else %}<p class="note">No decision in this band.</p>{% endif %}
  {% endfor %}
</section>

<section id="edge-mix">
  <h2>3. Edge mix over time</h2>
  <p class="lede">Each edge's share of coordination cost (human time and remediation). H2H alignment meetings are expected to
  carry about half; a rising A2A share points at broken agent hand-offs, a falling A2H share at thinner review.</p>
  {% set chart = charts["chart-edge-mix"] %}
  <figure><img id="{{ chart.id }}" alt="{{ chart.alt }}" data-file="{{ chart.filename }}" src="{{ chart.data_uri }}"><figcaption>{{ chart.filename }} · source <code>marts.rpt_quarterly_coordination_kpis</code></figcaption></figure>
  <table id="edge-mix-table">
    <caption>Share of coordination cost, loops and multiplier</caption>
    <thead><tr><th>Quarter</th>{% for e in edge_labels %}<th class="num">{{ e }}</th>{% endfor %}<th class="num">Iterations per decision</th><th class="num">Coordination per $1 of AI infra</th></tr></thead>
    <tbody>{% for row in edge_rows %}<tr><th scope="row" style="text-align:left">{{ row.quarter }}</th>{% for s in row.shares %}<td class="num">{{ s }}</td>{% endfor %}<td class="num">{{ row.iterations }}</td><td class="num">{{ row.multiplier }}</td></tr>{% endfor %}</tbody>
  </table>
</section>

<section id="growth">
  <h2>4. Coordination growth vs. revenue and headcount growth</h2>
  <p class="lede">Quarter-over-quarter growth. A positive gap means the coordination overhead is growing faster than the business.</p>
  {% set chart = charts["chart-growth"] %}
  <figure><img id="{{ chart.id }}" alt="{{ chart.alt }}" data-file="{{ chart.filename }}" src="{{ chart.data_uri }}"><figcaption>{{ chart.filename }} · source <code>marts.rpt_quarterly_coordination_kpis</code></figcaption></figure>
  <table id="growth-table">
    <thead><tr><th>Quarter</th><th class="num">Coordination cost</th><th class="num">Revenue</th><th class="num">Headcount (FTE)</th><th class="num">Coordination growth</th><th class="num">Revenue growth</th><th class="num">Headcount growth</th><th class="num">Gap to revenue</th><th class="num">Gap to headcount</th></tr></thead>
    <tbody>{% for r in growth_rows %}<tr><th scope="row" style="text-align:left">{{ r.quarter }}</th><td class="num">{{ r.coordination }}</td><td class="num">{{ r.revenue }}</td><td class="num">{{ r.headcount }}</td><td class="num">{{ r.coordination_growth }}</td><td class="num">{{ r.revenue_growth }}</td><td class="num">{{ r.headcount_growth }}</td><td class="num{{ ' out' if r.faster }}">{{ r.gap_revenue }}</td><td class="num">{{ r.gap_headcount }}</td></tr>{% endfor %}</tbody>
  </table>
</section>

<section id="qbr-line">
  <h2>5. The coordination line beside payroll and cloud spend</h2>
  <p class="lede">How the QBR shows it: coordination as its own reporting line, next to total loaded payroll and the whole cloud and AI bill.</p>
  <table id="qbr-table">
    <thead><tr><th>Quarter</th><th class="num">Total loaded payroll</th><th class="num">Cloud and AI bill</th><th class="num">Coordination cost</th><th class="num">Real cost of AI</th><th class="num">Coordination / payroll</th><th class="num">Coordination / cloud and AI bill</th></tr></thead>
    <tbody>{% for r in qbr_rows %}<tr><th scope="row" style="text-align:left">{{ r.quarter }}</th><td class="num">{{ r.payroll }}</td><td class="num">{{ r.bill }}</td><td class="num">{{ r.coordination }}</td><td class="num">{{ r.real }}</td><td class="num">{{ r.of_payroll }}</td><td class="num">{{ r.vs_bill }}</td></tr>{% endfor %}</tbody>
  </table>
  <p class="note">Payroll falls in the quarter its pay period ends in, so a quarter with seven biweekly pay periods instead of six carries more payroll. The cloud and AI bill is every billing charge, in or out of AI scope.</p>
  {% set chart = charts["chart-qbr-lines"] %}
  <figure><img id="{{ chart.id }}" alt="{{ chart.alt }}" data-file="{{ chart.filename }}" src="{{ chart.data_uri }}"><figcaption>{{ chart.filename }} · source <code>marts.rpt_quarterly_coordination_kpis</code></figcaption></figure>
</section>

<section id="observed">
  <h2>Observed vs. inventoried coordination</h2>
  {% if not observed.available %}
  <p class="callout" id="observed-unavailable">{{ observed.reason }}</p>
  {% else %}
  <p class="lede">What the hand-kept decision log claims beside what calendars (H2H meetings) and agent telemetry (LLM gateway calls, GenAI spans) observed, costed with the same rate and price cards. The inventoried side is the observable part of the log: H2H meeting time and the tokens of H2A and A2A edges. Variance rule: warn above 15%, error above 25%.</p>
  {% if observed.reason %}<p class="callout" id="observed-not-measured">{{ observed.reason }}</p>{% endif %}
  <table id="observed-table">
    <thead><tr><th>Quarter</th><th>Line</th><th class="num">Decisions</th><th class="num">Meeting hours, inventoried</th><th class="num">Meeting hours, observed</th><th class="num">Inventoried cost</th><th class="num">Observed cost</th><th class="num">Variance</th><th>Band</th><th class="num">Gateway spend logged</th><th class="num">Same calls at the price card</th></tr></thead>
    <tbody>{% for r in observed.rows %}<tr data-line="{{ r.line }}"><th scope="row" style="text-align:left">{{ r.quarter }}</th><td>{{ r.label }}</td><td class="num">{{ r.decisions }}</td><td class="num">{{ r.inventoried_hours }}</td><td class="num">{{ r.observed_hours }}</td><td class="num">{{ r.inventoried }}</td><td class="num">{{ r.observed }}</td><td class="num">{{ r.variance }}</td><td>{% if r.band %}<span class="tag sev-{{ 'error' if r.band == 'error' else 'warn' if r.band == 'warn' else 'ok' }}">{{ r.band }}</span>{% endif %}</td><td class="num">{{ r.logged }}</td><td class="num">{{ r.priced }}</td></tr>{% endfor %}</tbody>
  </table>
  {% if observed.off_band %}
  <h3>Observed decisions outside the variance band</h3>
  <table id="observed-off-band">
    <thead><tr><th>Decision</th><th>Quarter</th><th class="num">Meeting hours, inventoried</th><th class="num">Meeting hours, observed</th><th class="num">Inventoried cost</th><th class="num">Observed cost</th><th class="num">Variance</th><th>Band</th></tr></thead>
    <tbody>{% for d in observed.off_band %}<tr><td>{{ d.decision }}</td><td>{{ d.quarter }}</td><td class="num">{{ d.inventoried_hours }}</td><td class="num">{{ d.observed_hours }}</td><td class="num">{{ d.inventoried }}</td><td class="num">{{ d.observed }}</td><td class="num">{{ d.variance }}</td><td>{{ d.band }}</td></tr>{% endfor %}</tbody>
  </table>
  {% endif %}
  <p class="note">Source <code>marts.rpt_quarterly_observed_vs_inventoried</code> and <code>marts.fct_decisions</code>. Coordination observed but tied to no decision (a meeting with the AI category and no [DEC-...] reference, a reference to a decision the log does not have, a gateway call without a decision tag) is its own line: a gap in the inventory, never dropped.</p>
  {% endif %}
</section>

<section id="findings">
  <h2>6. Variance and benchmark findings of the last build</h2>
  {% if not build.available %}
  <p class="callout" id="findings-unavailable">{{ build.message }}</p>
  {% else %}
  <p class="lede">From <code>{{ build.path }}</code>{% if build.generated_at %} ({{ build_time }}){% endif %}: {% for status, n in build.status_counts|dictsort %}{{ n }} {{ status }}{{ ", " if not loop.last }}{% endfor %}.
  Warnings are business findings the build lets through; an error stops the build. The failing rows are stored in the <code>audit</code> schema.</p>
  {% if build.findings %}
  <table id="findings-table">
    <thead><tr><th>Severity</th><th>Rule</th><th class="num">Count</th><th>Stored failures</th></tr></thead>
    <tbody>
    {% for f in build.findings %}
      <tr data-test="{{ f.name }}"><td><span class="tag sev-{{ 'error' if f.status != 'warn' else 'warn' }}">{{ f.severity }}</span>{% if f.status == 'error' %} <span class="note">(did not run)</span>{% endif %}</td>
      <td>{{ f.rule }}<br><span class="note"><code>{{ f.name }}</code>{% if f.status == 'error' %} · {{ f.message }}{% endif %}</span>
      {% if f.preview_rows %}<details><summary>first {{ f.preview_rows|length }} rows</summary>
        <table><thead><tr>{% for c in f.preview_columns %}<th>{{ c }}</th>{% endfor %}</tr></thead>
        <tbody>{% for r in f.preview_rows %}<tr>{% for v in r %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}</tbody></table></details>{% endif %}</td>
      <td class="num finding-count">{{ "{:,}".format(f.failures) if f.failures is not none else "—" }}</td>
      <td>{% if f.table %}<code>{{ f.table }}</code> · {{ "{:,}".format(f.stored_rows) }} rows{% if f.failures is not none and f.stored_rows != f.failures %} <span class="out">(differs from the run: the table is from another build)</span>{% endif %}{% else %}<span class="note">not stored</span>{% endif %}</td></tr>
    {% endfor %}
    </tbody>
  </table>
  {% else %}
  <p id="findings-none">No test warned or failed in the last build.</p>
  {% endif %}
  {% endif %}
</section>

<footer>
  Coordination FinOps · every figure is read from the marts of the last <code>dbt build</code>; money is exact to the cent (decimal), charts are rounded.
  Reference ranges and bands: the article's 500-FTE mid-market company, moderate adoption. Charts are also in this folder as PNG files.
</footer>
</main>
</body>
</html>
"""


def render(database: Path, run_results: Path, out: Path, project_dir: Path = Path(".")) -> Path:
    con = open_database(database)
    try:
        build = read_build_results(run_results, con)
        context, charts = build_context(con, database, build, project_dir)
    finally:
        con.close()
    out.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        (out / chart.filename).write_bytes(chart.png)
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    html = environment.from_string(TEMPLATE).render(**context)
    report = out / REPORT_FILE
    report.write_text(html, encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="coordination-finops-report",
        description="Render the QBR report (self-contained HTML + PNG charts) from the marts of the last build.")
    parser.add_argument("--database", type=Path,
                        default=Path(os.environ.get("COORD_FINOPS_DUCKDB_PATH") or DEFAULT_DATABASE),
                        help="DuckDB file of the build (default: $COORD_FINOPS_DUCKDB_PATH or coordination_finops.duckdb)")
    parser.add_argument("--run-results", type=Path, default=Path(DEFAULT_RUN_RESULTS),
                        help="run_results.json of the build, for its findings (default: target/run_results.json)")
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_OUT),
                        help="folder to write index.html and the PNG charts into (default: reports/qbr)")
    parser.add_argument("--project-dir", type=Path, default=Path("."),
                        help="dbt project folder, for the band vars in dbt_project.yml (default: .)")
    args = parser.parse_args(argv)
    try:
        report = render(args.database, args.run_results, args.out, args.project_dir)
    except ReportError as error:
        print(f"coordination-finops-report: error: {error}", file=sys.stderr)
        return 2
    except duckdb.Error as error:
        print(f"coordination-finops-report: error: reading {args.database} failed: {error} "
              f"(run `make build` first)", file=sys.stderr)
        return 2
    print(f"QBR report written to {report} ({len(list(args.out.glob('*.png')))} charts beside it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
