"""Scaled companies: the sample company's generator at any size, as monthly files.

``generate.py`` writes the 500-FTE sample into ``seeds/`` and ``data/sample/``. This
module writes a company of ``fte`` people over ``months`` months (from January 2026)
into a folder of its own, one file per table and month, as Parquet or CSV:

    <out>/payroll/payroll_register_<yyyy>_<mm>.<ext>
    <out>/billing/aws_focus_1_0_<yyyy>_<mm>.<ext>, ai_vendors_focus_1_3_<yyyy>_<mm>.<ext>
    <out>/inventory/<table>/<table>_<yyyy>_<mm>.<ext>     (decision_log, decision_edges, ...)
    <out>/seeds/*.csv                                      (the small hand-kept tables)
    <out>/summary.json

People, payroll, decisions, edges and the *daily* billing amounts come from the same
Python ``Decimal`` code as the sample (hundreds of thousands of values at 10,000 FTE).
The daily billing lines are then handed to DuckDB, which expands them into hourly
FOCUS line items with exact integer arithmetic on 1e-10 units (each hour gets its
share of the day truncated to ten places, the last hour the remainder, so the hours sum
to the day's amount exactly) and writes every month's files. Every column is written as
text exactly as in the sample CSVs; in Parquet a cell the CSV reader of the staging
models reads as null (``NULL`` or empty) is a null VARCHAR.

Nothing is random inside SQL: the hourly profiles are fixed integer weights.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
from tqdm import tqdm

from coordination_finops.generate import (
    ADOPTING_DEPARTMENTS, AI_VENDOR_COLUMNS, API_USAGE_OUTSIDE_DECISIONS, BENEFITS_RATE, CENT, CLOUD_COLUMNS, D10,
    DECISION_EDGE_COLUMNS, DECISION_LOG_COLUMNS, EMPLOYER_TAX_RATE, FULL_TIME_PERIOD_HOURS, HIRE_ROLES,
    MID_YEAR_RAISE, PARTICIPANT_COLUMNS, PAYROLL_COLUMNS, PRICE_CARD_COLUMNS, QUARTERLY_METRICS_COLUMNS,
    RATE_CARD_COLUMNS, ROLES, TARGET_ADJACENCY_SHARE, TARGET_AI_INFRA_SHARE, TOKEN_COLUMNS, Company,
    Inventory, job_title_rows, price, price_card_rows, q, quarter_of, rate_card_rows, write_csv,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FTE = 500
SAMPLE_DECISIONS_PER_YEAR = 4195  # the sample's 1050 + 1040 + 1045 + 1060
FIRST_MONTH = dt.date(2026, 1, 1)
MAX_MONTHS = 24
# small hand-kept tables that do not depend on the company's size: copied from the project
COPIED_SEEDS = ["fx_rates.csv", "billing_category_map.csv", "reference_cost_shares.csv"]

# Resources per FTE. The sample bills one resource per service; an enterprise runs many:
# one AI workspace (API project) and one GPU endpoint per 250 people, one storage bucket,
# VPC and search domain per 100, one core-product resource of each service per 125.
# At 10,000 FTE that is ~1,150 daily line items a day: ~10 million hourly rows a year.
FTE_PER_WORKSPACE = 250
FTE_PER_GPU_ENDPOINT = 250
FTE_PER_ADJACENCY_RESOURCE = 100
FTE_PER_CORE_RESOURCE = 125

AWS_ACCOUNT = ("123456789012", "Sample Co Production")
AI_ACCOUNT = ("acct-ai-000123", "Coordination Sample Co")
AWS_ISSUER = "Amazon Web Services, Inc."

# Hourly profiles (UTC): integer weights per hour of the day. A day's amount is split in
# proportion to them. "day" is one slot of 24 hours: daily grain, and one-off credits and
# corrections, which stay daily lines in the hourly export too.
PROFILES: dict[str, list[int]] = {
    "flat": [1] * 24,
    "business": [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 5, 8, 10, 10, 10, 10, 10, 10, 9, 7, 4, 3],
    "diurnal": [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9, 10, 11, 12, 12, 12, 12, 12, 12, 12, 12, 11, 10, 9],
    "day": [1],
}

EPOCH = dt.date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Size:
    fte: int = SAMPLE_FTE
    months: int = 12
    grain: str = "day"
    fmt: str = "parquet"
    seed: int = 2026

    def __post_init__(self) -> None:
        if self.fte < 10:
            raise ValueError("--fte must be at least 10")
        if not 1 <= self.months <= MAX_MONTHS:
            raise ValueError(f"--months must be between 1 and {MAX_MONTHS}")
        if self.grain not in ("day", "hour"):
            raise ValueError("--billing-grain must be day or hour")
        if self.fmt not in ("parquet", "csv"):
            raise ValueError("--format must be parquet or csv")

    @property
    def default_folder(self) -> str:
        return f"fte{self.fte}-m{self.months}-{self.grain}"


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}_{day.month:02d}"


def scaled(count: int, fte: int) -> int:
    """A sample count for a company of `fte` people (at least one)."""
    return max(1, round(count * fte / SAMPLE_FTE))


def resources(fte: int, fte_per_resource: int) -> int:
    """Resources of a kind a company of `fte` people runs (at least one, half up)."""
    return max(1, (fte + fte_per_resource // 2) // fte_per_resource)


class ScaledCompany(Company):
    """The sample's people and payroll, for `fte` people and any run of months."""

    def __init__(self, size: Size, first_day: dt.date, end_day: dt.date) -> None:
        super().__init__(size.seed)
        self.size = size
        self.first_day = first_day
        self.end_day = end_day  # exclusive

    def hire(self) -> None:
        rng = self.rng
        number = 0
        for role, (salary, count) in ROLES.items():
            for _ in range(scaled(count, self.size.fte)):
                number += 1
                self.employees.append(self._employee(number, role, salary, dt.date(2025, 1, 1)))
        # about three hires a month per 500 people (two in the last month of a quarter)
        month, units, hired = self.first_day, 0, 0
        while month < self.end_day:
            units += 3 if month.month % 3 else 2
            target = (units * self.size.fte + SAMPLE_FTE // 2) // SAMPLE_FTE
            for _ in range(target - hired):
                number += 1
                role = rng.choice(HIRE_ROLES)
                start = month + dt.timedelta(days=rng.randint(0, 27))
                self.employees.append(self._employee(number, role, ROLES[role][0], start))
            hired = target
            month = add_months(month, 1)

    def payroll_months(self):
        """Yield (month, rows) of the biweekly register, by the month of pay_period_end.
        The role rates the inventory is costed at are set once the generator is exhausted."""
        rng = self.rng
        comp: dict[tuple[str, dt.date], Decimal] = defaultdict(Decimal)
        hours: dict[tuple[str, dt.date], Decimal] = defaultdict(Decimal)
        line = 0
        period_end = dt.date(2026, 1, 9)
        rows: list[list] = []
        current = period_end.replace(day=1)
        while period_end < self.end_day:
            if period_end.replace(day=1) != current:
                yield current, self._close_month(rows)
                rows, current = [], period_end.replace(day=1)
            period_start = period_end - dt.timedelta(days=13)
            pay_date = period_end + dt.timedelta(days=5)
            raises = sum(1 for year in range(2026, period_end.year + 1) if period_end >= dt.date(year, 4, 1))
            raise_factor = MID_YEAR_RAISE ** raises
            quarter = quarter_of(period_end)
            for emp in self.employees:
                if emp["start"] > period_end:
                    continue
                wages = q(emp["salary"] * raise_factor * emp["fte"] / 26)
                taxes = q(wages * EMPLOYER_TAX_RATE)
                benefits = q(wages * BENEFITS_RATE)
                paid_hours = q(FULL_TIME_PERIOD_HOURS * emp["fte"])
                line += 1
                row = [f"PL{line:07d}", emp["employee_id"], emp["name"], emp["job_title"], emp["department"],
                       period_start.isoformat(), period_end.isoformat(), pay_date.isoformat(),
                       wages, taxes, benefits, paid_hours, "USD"]
                rows.append(row)
                comp[(emp["role"], quarter)] += wages + taxes + benefits
                hours[(emp["role"], quarter)] += paid_hours
                # a payroll correction now and then: the line is reversed and paid again (net zero)
                if rng.random() < 0.0015:
                    line += 1
                    rows.append([f"PL{line:07d}", *row[1:8], -wages, -taxes, -benefits, -paid_hours, "USD"])
                    line += 1
                    rows.append([f"PL{line:07d}", *row[1:13]])
            period_end += dt.timedelta(days=14)
        yield current, self._close_month(rows)
        for key, total in comp.items():
            self.role_rates[key] = total / hours[key]

    def _close_month(self, rows: list[list]) -> list[list]:
        # the export was re-run once a month and a few lines came out twice (one per 500 people)
        for row in self.rng.sample(rows, min(len(rows), (self.size.fte + SAMPLE_FTE // 2) // SAMPLE_FTE)):
            rows.append(list(row))
        rows.sort(key=lambda r: (r[6], r[0]))
        return rows


class ScaledInventory(Inventory):
    """The sample's decisions and edges, as many per day per person as the sample, by month."""

    def __init__(self, company: ScaledCompany) -> None:
        super().__init__(company)
        self.size = company.size
        self.first_day = company.first_day
        self.last_day = company.end_day - dt.timedelta(days=1)
        self.workspaces = [f"{ADOPTING_DEPARTMENTS[i % len(ADOPTING_DEPARTMENTS)].lower()}-{i + 1:03d}"
                           for i in range(resources(self.size.fte, FTE_PER_WORKSPACE))]
        self.workspace = self.workspaces[0]
        self.decision_count = 0

    def usage_key(self, day: dt.date, provider: str, model: str) -> tuple:
        return (day, provider, model, self.workspace)

    def expected_decisions(self, day: dt.date) -> int:
        """Decisions initiated before `day`: the sample's rate per person and day."""
        elapsed = (day - self.first_day).days
        scale = SAMPLE_FTE * 365
        return (SAMPLE_DECISIONS_PER_YEAR * self.size.fte * elapsed + scale // 2) // scale

    def months(self):
        """Yield (month, {table: rows}) once a month's rows are complete: decisions by the
        month they were ratified, edges (and their participants and tokens) by the month
        they occurred. An edge never occurs before its decision is initiated, so a month is
        complete once its own decisions are drawn."""
        rng = self.rng
        pending: dict[dt.date, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        month = self.first_day
        number_in_year = 0
        while month <= self.last_day:
            next_month = add_months(month, 1)
            days = (next_month - month).days
            if month.month == 1:
                number_in_year = 0
            for _ in range(self.expected_decisions(next_month) - self.expected_decisions(month)):
                number_in_year += 1
                self.decision_count += 1
                self.workspace = self.workspaces[self.decision_count % len(self.workspaces)]
                start = month + dt.timedelta(days=rng.randrange(days))
                self.decision(number_in_year,
                              dt.datetime.combine(start, dt.time(9)) + dt.timedelta(minutes=rng.randrange(480)))
                self._route(pending)
            yield month, pending.pop(month, defaultdict(list))
            month = next_month
        assert not pending, f"rows left after the last month: {sorted(pending)}"

    def _route(self, pending: dict) -> None:
        edge_month = {}
        for row in self.decisions:
            pending[dt.date.fromisoformat(row[5][:7] + "-01")]["decision_log"].append(row)
        for row in self.edges:
            edge_month[row[0]] = dt.date.fromisoformat(row[4][:7] + "-01")
            pending[edge_month[row[0]]]["decision_edges"].append(row)
        for row in self.participants:
            pending[edge_month[row[0]]]["decision_edge_participants"].append(row)
        for row in self.tokens:
            pending[edge_month[row[0]]]["decision_edge_tokens"].append(row)
        self.decisions.clear()
        self.edges.clear()
        self.participants.clear()
        self.tokens.clear()


class DailyBilling:
    """Daily FOCUS line items: a dimension of lines (everything but the amounts and the
    period) and one row per line and day with the amount in 1e-10 units and the quantity
    in units of the line's quantity scale."""

    def __init__(self) -> None:
        self.lines: list[dict] = []
        self.line_index: dict[tuple, int] = {}
        self.rows: dict[str, list] = {"seq": [], "day": [], "line": [], "cost": [], "qty": []}
        self.totals: dict[str, dict[dt.date, Decimal]] = {}  # per quarter: api, gpu and adjacency cost

    def line(self, key: tuple, **columns) -> int:
        if key not in self.line_index:
            self.line_index[key] = len(self.lines)
            self.lines.append({"line": len(self.lines), **columns})
        return self.line_index[key]

    def add(self, day: dt.date, line: int, cost: Decimal, quantity: Decimal) -> None:
        scale = self.lines[line]["qty_scale"]
        rows = self.rows
        rows["seq"].append(len(rows["seq"]))
        rows["day"].append(day)
        rows["line"].append(line)
        rows["cost"].append(int(q(cost, D10).scaleb(10)))
        rows["qty"].append(int(quantity.scaleb(scale)))


def line_columns(*, file: str, provider: str, category: str, service: str, sku: str, description: str,
                 unit: str, resource: str, tags: dict | None, account: tuple[str, str], issuer: str,
                 region: str | None, qty_scale: int, profile: str, charge_category: str = "Usage",
                 charge_class: str | None = None) -> dict:
    return {
        "file": file, "provider": provider, "BillingAccountId": account[0], "BillingAccountName": account[1],
        "ChargeCategory": charge_category, "ChargeClass": charge_class, "ChargeDescription": description,
        "ConsumedUnit": unit, "InvoiceIssuerName": issuer, "PublisherName": issuer, "RegionId": region,
        "ResourceId": resource, "ServiceCategory": category, "ServiceName": service, "SkuId": sku,
        "SubAccountId": account[0][-6:], "SubAccountName": account[1], "Tags": json.dumps(tags) if tags else None,
        "qty_scale": qty_scale, "profile": profile,
    }


def build_daily_billing(company: ScaledCompany, inventory: ScaledInventory) -> DailyBilling:
    """The sample's billing, with many resources per service: AI vendor tokens per workspace,
    GPU endpoints calibrated to the coordination cost of each quarter as in the sample,
    adjacency storage, networking and search, and the out-of-scope core product."""
    rng = company.rng
    fte = company.size.fte
    billing = DailyBilling()
    days = [company.first_day + dt.timedelta(days=i) for i in range((company.end_day - company.first_day).days)]
    by_day: dict[dt.date, list[tuple]] = defaultdict(list)
    for key in sorted(inventory.token_usage):
        by_day[key[0]].append(key)
    api_cost: dict[dt.date, Decimal] = defaultdict(Decimal)
    gpu_cost: dict[dt.date, Decimal] = defaultdict(Decimal)
    adjacency_cost: dict[dt.date, Decimal] = defaultdict(Decimal)

    def weights(count: int) -> list[Decimal]:
        raw = [Decimal(str(round(rng.uniform(0.6, 1.4), 4))) for _ in range(count)]
        return [w / sum(raw) for w in raw]

    endpoints = weights(resources(fte, FTE_PER_GPU_ENDPOINT))
    adjacency = {service: weights(resources(fte, FTE_PER_ADJACENCY_RESOURCE))
                 for service in ("Amazon Simple Storage Service", "Amazon Virtual Private Cloud",
                                 "Amazon OpenSearch Service")}
    core = {service: weights(resources(fte, FTE_PER_CORE_RESOURCE))
            for service in ("Amazon Elastic Compute Cloud", "Amazon Relational Database Service",
                            "Amazon Simple Storage Service", "AWS Data Transfer")}
    quarters = sorted({quarter_of(d) for d in days})
    month_first_core: dict[dt.date, tuple] = {}
    for quarter in quarters:
        q_days = [d for d in days if quarter_of(d) == quarter]
        # the AI vendor bills: tokens per day, model and workspace (6% more than the inventory logs)
        for day in q_days:
            for key in by_day[day]:
                _, provider, model, workspace = key
                inp, out, cached = inventory.token_usage[key]
                p_in, p_out, p_cached = price(provider, model, day)
                for kind, tokens, unit_price in (("input", inp, p_in), ("output", out, p_out),
                                                 ("cached-input", cached, p_cached)):
                    billed = Decimal(int(tokens * API_USAGE_OUTSIDE_DECISIONS))
                    if not billed:
                        continue
                    cost = billed * unit_price / Decimal(1_000_000)
                    api_cost[quarter] += q(cost, D10)
                    line = billing.line(
                        ("ai", provider, model, kind, workspace),
                        **line_columns(file="ai_vendors", provider=provider, category="AI and Machine Learning",
                                       service=f"{provider} API", sku=f"{model}:{kind}-tokens",
                                       description=f"{model} {kind} tokens", unit="Tokens",
                                       resource=f"{provider.lower()}/{workspace}/{model}",
                                       tags={"workload": "ai-platform", "model": model, "workspace": workspace},
                                       account=AI_ACCOUNT, issuer=provider, region=None, qty_scale=0,
                                       profile="business"))
                    billing.add(day, line, cost, billed)
        coordination = sum(v for (qq, _), v in inventory.human_cost.items() if qq == quarter)
        real = coordination / (1 - TARGET_AI_INFRA_SHARE - TARGET_ADJACENCY_SHARE)
        gpu_total = real * TARGET_AI_INFRA_SHARE * Decimal("1.004") - api_cost[quarter]
        adjacency_total = real * TARGET_ADJACENCY_SHARE
        for day in q_days:
            for number, share in enumerate(endpoints, start=1):
                noise = Decimal(str(round(rng.uniform(0.9, 1.1), 4)))
                gpu = gpu_total / len(q_days) * share * noise
                gpu_cost[quarter] += q(gpu, D10)
                line = billing.line(
                    ("gpu", number),
                    **line_columns(file="aws", provider="AWS", category="AI and Machine Learning",
                                   service="Amazon SageMaker", sku="ml.p4d.24xlarge",
                                   description="GPU inference endpoint hours", unit="Hours",
                                   resource=f"endpoint/coordination-agents-{number:03d}",
                                   tags={"workload": "ai-platform", "team": "ml-platform"}, account=AWS_ACCOUNT,
                                   issuer=AWS_ISSUER, region="us-east-1", qty_scale=3, profile="flat"))
                billing.add(day, line, gpu, q(gpu / Decimal("32.77"), Decimal("0.001")))
            for (service, category, service_share, unit), shares in zip(
                    (("Amazon Simple Storage Service", "Storage", "0.45", "GB-Mo"),
                     ("Amazon Virtual Private Cloud", "Networking", "0.30", "GB"),
                     ("Amazon OpenSearch Service", "Databases", "0.25", "Hours")), adjacency.values()):
                for number, share in enumerate(shares, start=1):
                    noise = Decimal(str(round(rng.uniform(0.9, 1.1), 4)))
                    cost = adjacency_total / len(q_days) * Decimal(service_share) * share * noise
                    adjacency_cost[quarter] += q(cost, D10)
                    line = billing.line(
                        ("adjacency", service, number),
                        **line_columns(file="aws", provider="AWS", category=category, service=service,
                                       sku=f"{service[:10]}-ai", description=f"{service} for the AI platform",
                                       unit=unit, resource=f"ai-platform/{category.lower()}-{number:03d}",
                                       tags={"workload": "ai-platform", "team": "ml-platform"},
                                       account=AWS_ACCOUNT, issuer=AWS_ISSUER, region="us-east-1", qty_scale=2,
                                       profile="flat" if category == "Storage" else "business"))
                    billing.add(day, line, cost, q(cost * 10, CENT))
            # the rest of the cloud bill: out of scope for coordination, shown beside it in the QBR
            for (service, category, daily), shares in zip(
                    (("Amazon Elastic Compute Cloud", "Compute", 2300),
                     ("Amazon Relational Database Service", "Databases", 900),
                     ("Amazon Simple Storage Service", "Storage", 450),
                     ("AWS Data Transfer", "Networking", 280)), core.values()):
                for number, share in enumerate(shares, start=1):
                    factor = Decimal(str(round(rng.uniform(0.85, 1.15), 4)))
                    cost = Decimal(daily) * fte / SAMPLE_FTE * share * factor
                    key = ("core", service, number)
                    line = billing.line(
                        key, **line_columns(file="aws", provider="AWS", category=category, service=service,
                                            sku=f"{service[:10]}-gen", description=f"{service} usage",
                                            unit="Units", resource=f"core/{category.lower()}-{number:03d}",
                                            tags={"workload": "core-product"}, account=AWS_ACCOUNT,
                                            issuer=AWS_ISSUER, region="us-east-1", qty_scale=2,
                                            profile="diurnal"))
                    billing.add(day, line, cost, q(cost * 4, CENT))
                    month_first_core.setdefault(day.replace(day=1), (day, key, cost))
    # adjustments, kept as daily lines in either grain: a late correction (FOCUS 1.2+
    # ChargeClass) of each month's first compute line, and a service credit each quarter end
    for month, (day, key, cost) in sorted(month_first_core.items()):
        columns = {k: v for k, v in billing.lines[billing.line_index[key]].items() if k != "line"}
        line = billing.line(("correction", *key), **{**columns, "ChargeClass": "Correction", "profile": "day"})
        billing.add(day, line, -q(cost, D10) * Decimal("0.1"), Decimal(0))
    for quarter in quarters:
        last = max(d for d in days if quarter_of(d) == quarter)
        if last != add_months(quarter, 3) - dt.timedelta(days=1):
            continue  # the quarter is not over inside the period
        line = billing.line(
            ("credit",), **line_columns(file="aws", provider="AWS", category="Compute",
                                        service="Amazon Elastic Compute Cloud", sku="credit",
                                        description="Service credit", unit="Units", resource="core/compute",
                                        tags=None, account=AWS_ACCOUNT, issuer=AWS_ISSUER, region=None,
                                        qty_scale=2, profile="day", charge_category="Credit"))
        billing.add(last, line, Decimal(-fte), Decimal(0))
    # a re-exported day each month: the cloud lines of its third day delivered twice (one per 100 people)
    rows = billing.rows
    for month in sorted(month_first_core):
        third = month + dt.timedelta(days=2)
        picked = [i for i in range(len(rows["seq"]))
                  if rows["day"][i] == third and billing.lines[rows["line"][i]]["file"] == "aws"]
        for i in picked[:max(1, fte // 100)]:
            billing.add(third, rows["line"][i], Decimal(rows["cost"][i]).scaleb(-10),
                        Decimal(rows["qty"][i]).scaleb(-billing.lines[rows["line"][i]]["qty_scale"]))
    billing.totals = {"api": api_cost, "gpu": gpu_cost, "adjacency": adjacency_cost}
    return billing


def text_column(values) -> np.ndarray:
    """Cells as the CSV text, with the cells a CSV reader reads as null (empty) as None."""
    return np.array([None if v is None or v == "" else str(v) for v in values], dtype=object)


class Writer:
    """Writes tables as Parquet (all VARCHAR) or CSV, and counts rows and files."""

    def __init__(self, out: Path, fmt: str, con: duckdb.DuckDBPyConnection) -> None:
        self.out, self.fmt, self.con = out, fmt, con
        self.rows: dict[str, int] = defaultdict(int)
        self.files = 0

    def path(self, folder: str, name: str) -> Path:
        path = self.out / folder / f"{name}.{self.fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def table(self, table: str, folder: str, name: str, header: list[str], rows: list[list]) -> None:
        path = self.path(folder, name)
        self.rows[table] += len(rows)
        self.files += 1
        if self.fmt == "csv":
            write_csv(path, header, rows)
            return
        columns = {f"c{i}": text_column(values) for i, values in enumerate(zip(*rows))} if rows else {}
        select = ", ".join(f'{f"c{i}" if rows else "null"}::varchar as "{name}"' for i, name in enumerate(header))
        self.con.register("frame", columns or {"c0": np.array([None], dtype=object)})
        self.con.execute(f"copy (select {select} from frame {'' if rows else 'where false'}) "
                         f"to '{sql_path(path)}' (format parquet, compression zstd)")
        self.con.unregister("frame")

    def copy(self, table: str, query: str, path: Path) -> None:
        options = "format parquet, compression zstd" if self.fmt == "parquet" else "format csv, header, nullstr 'NULL'"
        self.rows[table] += self.con.execute(f"copy ({query}) to '{sql_path(path)}' ({options})").fetchone()[0]
        self.files += 1


def sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def load_billing(con: duckdb.DuckDBPyConnection, billing: DailyBilling, grain: str) -> None:
    """The daily lines, the line dimension and the hourly slots as DuckDB tables, and the
    expansion of a month's daily lines into the export's rows as a view with one parameter."""
    rows = billing.rows
    con.register("daily_frame", {
        "seq": np.array(rows["seq"], dtype=np.int64), "day": np.array([d.toordinal() - EPOCH for d in rows["day"]], dtype=np.int64),
        "line": np.array(rows["line"], dtype=np.int64), "cost": np.array(rows["cost"], dtype=np.int64),
        "qty": np.array(rows["qty"], dtype=np.int64)})
    con.execute("create or replace table daily as select seq, date '1970-01-01' + cast(day as integer) as day, line, cost, qty "
                "from daily_frame order by seq")
    con.unregister("daily_frame")
    names = [k for k in billing.lines[0] if k not in ("line", "qty_scale")]
    frame = {name: text_column(line[name] for line in billing.lines) for name in names}
    frame["line"] = np.array([line["line"] for line in billing.lines], dtype=np.int64)
    frame["qty_scale"] = np.array([line["qty_scale"] for line in billing.lines], dtype=np.int64)
    con.register("lines_frame", frame)
    con.execute("create or replace table lines as select * from lines_frame")
    con.unregister("lines_frame")
    slots = [(profile, hour if len(weights) > 1 else 0, 1 if len(weights) > 1 else 24, weight, sum(weights),
              hour == len(weights) - 1)
             for profile, weights in PROFILES.items() for hour, weight in enumerate(weights)]
    con.register("slots_frame", {key: np.array(values) for key, values in zip(
        ("profile", "start_hour", "hours", "weight", "total", "is_last"), zip(*slots))})
    con.execute("create or replace table slots as select profile::varchar as profile, start_hour::integer as "
                "start_hour, hours::integer as hours, weight::hugeint as weight, total::hugeint as total, "
                "is_last::boolean as is_last from slots_frame")
    con.unregister("slots_frame")
    con.execute("""
        create or replace macro units_text(units, scale) as case scale
            when 0 then cast(units as varchar)
            when 2 then cast(cast(units as decimal(38, 0)) * 0.01 as varchar)
            when 3 then cast(cast(units as decimal(38, 0)) * 0.001 as varchar)
            when 10 then cast(cast(units as decimal(38, 0)) * 0.0000000001 as varchar)
        end""")
    profile = "'day'" if grain == "day" else "l.profile"
    # every slot but the last gets its weight's share of the day truncated to the unit; the
    # last gets the remainder: the slots of a day sum to the day's amount exactly
    con.execute(f"""
        create or replace macro month_lines(month_start) as table
        with expanded as (
            select d.seq, d.day, l.*, s.start_hour, s.hours, s.is_last, d.cost, d.qty,
                   case when not s.is_last then (cast(d.cost as hugeint) * s.weight) // s.total end as cost_part,
                   case when not s.is_last then (cast(d.qty as hugeint) * s.weight) // s.total end as qty_part
            from daily as d
            join lines as l on l.line = d.line
            join slots as s on s.profile = {profile}
            where d.day >= month_start and d.day < month_start + interval 1 month
        ),
        split as (
            select *,
                   case when is_last then cost - coalesce(sum(cost_part) over (partition by seq), 0)
                        else cost_part end as cost_units,
                   case when is_last then qty - coalesce(sum(qty_part) over (partition by seq), 0)
                        else qty_part end as qty_units,
                   day + to_hours(start_hour) as period_start
            from expanded
        )
        select
            file, seq, start_hour, provider,
            units_text(cost_units, 10) as BilledCost, BillingAccountId, BillingAccountName,
            'USD' as BillingCurrency,
            strftime(month_start + interval 1 month, '%Y-%m-%d %H:%M:%S') as BillingPeriodEnd,
            strftime(month_start, '%Y-%m-%d %H:%M:%S') as BillingPeriodStart,
            ChargeCategory, ChargeClass, ChargeDescription, 'Usage-Based' as ChargeFrequency,
            strftime(period_start + to_hours(hours), '%Y-%m-%d %H:%M:%S') as ChargePeriodEnd,
            strftime(period_start, '%Y-%m-%d %H:%M:%S') as ChargePeriodStart,
            units_text(qty_units, qty_scale) as ConsumedQuantity, ConsumedUnit,
            units_text(cost_units, 10) as EffectiveCost, InvoiceIssuerName,
            units_text(cost_units, 10) as ListCost, 'Standard' as PricingCategory,
            units_text(qty_units, qty_scale) as PricingQuantity, ConsumedUnit as PricingUnit,
            PublisherName, RegionId, ResourceId, ServiceCategory, ServiceName, SkuId, SubAccountId,
            SubAccountName, Tags
        from split""")


def write_seeds(out: Path, company: ScaledCompany, last_day: dt.date) -> None:
    seeds = out / "seeds"
    for name in COPIED_SEEDS:
        seeds.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROJECT_ROOT / "seeds" / name, seeds / name)
    rates = rate_card_rows()
    for year in range(2027, last_day.year + 1):
        # the card is kept up to date after 2026: the plan's mean base with every April merit so far
        for role, (salary, _) in ROLES.items():
            loaded = Decimal(salary) * (1 + EMPLOYER_TAX_RATE + BENEFITS_RATE) / 2080
            factor = Decimal("1.02") * MID_YEAR_RAISE ** (year - 2026)
            rates.append([role, q(loaded * factor), f"{year}-01-01", f"{year + 1}-01-01",
                          f"{year} compensation plan: mean base incl. April merits x (1 + 7.65% FICA + 40% benefits)"
                          " / 2,080 h"])
    rates.sort(key=lambda r: (list(ROLES).index(r[0]), r[2]))
    write_csv(seeds / "role_rate_card.csv", RATE_CARD_COLUMNS, rates)
    write_csv(seeds / "model_price_card.csv", PRICE_CARD_COLUMNS, price_card_rows())
    write_csv(seeds / "job_title_role_map.csv", ["job_title", "role"], job_title_rows())
    quarter_rows = []
    revenue = Decimal(37_500_000) * company.size.fte / SAMPLE_FTE
    quarter = quarter_of(company.first_day)
    while quarter <= last_day:
        q_end = add_months(quarter, 3)
        fte = sum(e["fte"] for e in company.employees if e["start"] < q_end)
        quarter_rows.append([quarter.isoformat(), q(revenue), fte])
        revenue *= Decimal("1.025")
        quarter = q_end
    write_csv(seeds / "company_quarterly_metrics.csv", QUARTERLY_METRICS_COLUMNS, quarter_rows)


def prepare(out: Path, root: Path) -> None:
    """Refuse to write into the project's seeds or sample, or over a folder that is not a
    previous output of this generator; clear a previous output."""
    out, root = out.resolve(), root.resolve()
    for protected in (root / "seeds", root / "data" / "sample", PROJECT_ROOT / "seeds",
                      PROJECT_ROOT / "data" / "sample"):
        if out == protected or protected in out.parents or out in protected.parents:
            raise SystemExit(f"refusing to write a scaled company into {out}: it holds {protected}")
    if out.exists() and any(out.iterdir()):
        if not (out / "summary.json").exists():
            raise SystemExit(f"{out} is not empty and holds no summary.json of a previous run: not writing there")
        for name in ("payroll", "billing", "inventory", "seeds"):
            shutil.rmtree(out / name, ignore_errors=True)
        (out / "summary.json").unlink()
    out.mkdir(parents=True, exist_ok=True)


def generate_scaled(size: Size, out: Path, root: Path = Path("."), progress: bool = True) -> dict:
    started = time.perf_counter()
    prepare(out, root)
    first_day = FIRST_MONTH
    end_day = add_months(first_day, size.months)
    months = [add_months(first_day, i) for i in range(size.months)]
    bar = tqdm(total=3 * size.months + 3, file=sys.stderr, unit="step", disable=not progress,
               desc=f"{size.default_folder}", dynamic_ncols=True)
    con = duckdb.connect()
    con.execute("set threads = 2")
    con.execute("set memory_limit = '2GB'")
    con.execute("set preserve_insertion_order = true")
    writer = Writer(out, size.fmt, con)

    company = ScaledCompany(size, first_day, end_day)
    company.hire()
    bar.set_postfix_str("payroll")
    for month, rows in company.payroll_months():
        writer.table("payroll", "payroll", f"payroll_register_{month_key(month)}", PAYROLL_COLUMNS, rows)
        bar.update()

    inventory = ScaledInventory(company)
    bar.set_postfix_str("decisions and edges")
    for month, tables in inventory.months():
        for table, header in (("decision_log", DECISION_LOG_COLUMNS), ("decision_edges", DECISION_EDGE_COLUMNS),
                              ("decision_edge_participants", PARTICIPANT_COLUMNS),
                              ("decision_edge_tokens", TOKEN_COLUMNS)):
            writer.table(table, f"inventory/{table}", f"{table}_{month_key(month)}", header, tables[table])
        bar.update()

    bar.set_postfix_str("daily billing")
    billing = build_daily_billing(company, inventory)
    load_billing(con, billing, size.grain)
    bar.update()
    bar.set_postfix_str(f"{size.grain}ly billing")
    for month in months:
        for file, name, columns in (("aws", "aws_focus_1_0", CLOUD_COLUMNS),
                                    ("ai_vendors", "ai_vendors_focus_1_3", AI_VENDOR_COLUMNS)):
            select = ", ".join(f'provider as "{c}"' if c in ("ProviderName", "ServiceProviderName",
                                                                "HostProviderName") else f'"{c}"' for c in columns)
            query = (f"select {select} from month_lines(date '{month.isoformat()}') where file = '{file}' "
                     "order by seq, start_hour")
            writer.copy(file, query, writer.path("billing", f"{name}_{month_key(month)}"))
        bar.update()
    con.execute("drop table daily")

    bar.set_postfix_str("seeds")
    write_seeds(out, company, end_day - dt.timedelta(days=1))
    bar.update()

    costs = sorted(inventory.decision_costs)
    shares = {}
    for quarter in sorted({quarter_of(m) for m in months}):
        by_type = {t: v for (qq, t), v in inventory.human_cost.items() if qq == quarter}
        infra = billing.totals["api"][quarter] + billing.totals["gpu"][quarter]
        adjacency = billing.totals["adjacency"][quarter]
        real = sum(by_type.values()) + infra + adjacency
        shares[quarter.isoformat()] = {
            "ai_infrastructure": round(float(infra / real), 4), "adjacency_cloud": round(float(adjacency / real), 4),
            **{t.lower(): round(float(v / real), 4) for t, v in sorted(by_type.items())}}
    summary = {
        "fte": size.fte, "months": size.months, "first_month": first_day.isoformat()[:7],
        "last_month": months[-1].isoformat()[:7], "billing_grain": size.grain, "seed": size.seed,
        "format": size.fmt,
        "rows": {"payroll_register": writer.rows["payroll"], "aws_focus": writer.rows["aws"],
                 "ai_vendors_focus": writer.rows["ai_vendors"],
                 "billing_daily_line_items": len(billing.rows["seq"]),
                 **{t: writer.rows[t] for t in ("decision_log", "decision_edges", "decision_edge_participants",
                                                "decision_edge_tokens")}},
        "files": writer.files,
        "employees": len(company.employees),
        "median_decision_cost_usd": int(costs[len(costs) // 2]) if costs else None,
        "category_shares_by_quarter": shares,
        "bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    bar.update()
    bar.close()
    con.close()
    return summary
