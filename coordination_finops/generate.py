"""Deterministic generator for the sample company.

A 500-FTE mid-market company over the four calendar quarters of 2026, with AI
adoption in about two thirds of its teams. It writes:

* the hand-kept seeds (rate cards, the decision inventory, the mappings, the
  quarterly revenue and headcount) into ``seeds/``;
* the exports a real company has (a payroll register and FOCUS billing
  exports from one cloud provider and two AI vendors) into ``data/sample/``;
* the observed edges (calendar exports, LLM gateway spend logs and OpenTelemetry
  GenAI spans) and the attendee -> role seed: see ``observed_sample.py``.

Running it again with the same seed writes byte-identical files. Only the
standard library is used, and every amount is a ``Decimal``: the sample must
reconcile to the cent, so no float ever touches money.

The calibration targets the article's reference table: every quarter's
category shares fall inside the published ranges and the median decision
lands in the $1,500-$3,000 benchmark band, with some decisions in every band.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

CENT = Decimal("0.01")
D10 = Decimal("0.0000000001")
YEAR = 2026
QUARTERS = [dt.date(YEAR, m, 1) for m in (1, 4, 7, 10)]

# role -> (mean annual base salary in USD, headcount at 1 January)
ROLES: dict[str, tuple[int, int]] = {
    "analyst": (78_000, 68),
    "senior_analyst": (104_000, 44),
    "engineer": (124_000, 88),
    "senior_engineer": (158_000, 50),
    "data_scientist": (146_000, 20),
    "product_manager": (150_000, 25),
    "manager": (138_000, 44),
    "senior_manager": (172_000, 25),
    "director": (212_000, 18),
    "executive": (285_000, 7),
    "specialist": (66_000, 78),
    "account_executive": (108_000, 23),
}

JOB_TITLES: dict[str, list[str]] = {
    "analyst": ["Financial Analyst", "Business Analyst", "Data Analyst"],
    "senior_analyst": ["Senior Financial Analyst", "Senior Business Analyst"],
    "engineer": ["Software Engineer", "Data Engineer", "Platform Engineer"],
    "senior_engineer": ["Senior Software Engineer", "Staff Engineer", "ML Engineer"],
    "data_scientist": ["Data Scientist", "Senior Data Scientist"],
    "product_manager": ["Product Manager", "Senior Product Manager"],
    "manager": ["Engineering Manager", "Finance Manager", "Marketing Manager", "Sales Manager"],
    "senior_manager": ["Senior Manager, Operations", "Senior Manager, Finance"],
    "director": ["Director of Engineering", "Director of Sales", "Director of Finance", "Director of Product"],
    "executive": ["Chief Financial Officer", "Chief Operating Officer", "VP Engineering", "VP Sales"],
    "specialist": ["Customer Support Specialist", "Operations Specialist", "HR Specialist"],
    "account_executive": ["Account Executive", "Senior Account Executive"],
}

DEPARTMENTS = ["Finance", "Sales", "Marketing", "Product", "Engineering", "Operations", "Customer Success", "Legal"]
# moderate adoption: 5 of the 8 departments (62.5%) run their decisions through agents
ADOPTING_DEPARTMENTS = DEPARTMENTS[:5]
ROLE_DEPARTMENTS = {
    "analyst": ["Finance", "Operations", "Marketing"],
    "senior_analyst": ["Finance", "Operations"],
    "engineer": ["Engineering"],
    "senior_engineer": ["Engineering"],
    "data_scientist": ["Engineering", "Product"],
    "product_manager": ["Product"],
    "manager": ["Engineering", "Finance", "Marketing", "Sales"],
    "senior_manager": ["Operations", "Finance", "Customer Success"],
    "director": ["Engineering", "Sales", "Finance", "Product"],
    "executive": ["Finance", "Operations", "Engineering", "Sales"],
    "specialist": ["Customer Success", "Operations"],
    "account_executive": ["Sales"],
}

FIRST_NAMES = ["Ana", "Ben", "Chloe", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena",
               "Marco", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Victor", "Wen", "Yusuf"]
LAST_NAMES = ["Almeida", "Brandt", "Chen", "Diallo", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
              "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Varga"]

HIRE_ROLES = ["engineer", "analyst", "specialist", "account_executive", "senior_engineer", "data_scientist"]

EMPLOYER_TAX_RATE = Decimal("0.0765")  # FICA
BENEFITS_RATE = Decimal("0.40")  # of wages: ~27% of total compensation
FULL_TIME_PERIOD_HOURS = Decimal("80")
MID_YEAR_RAISE = Decimal("1.03")  # merit increase effective 1 April

# provider -> model -> list of (valid_from, valid_to, input, output, cached) USD per 1M tokens
PRICE_CARD = {
    "Anthropic": {
        "claude-sonnet-4-5": [(dt.date(2025, 9, 29), None, "3.00", "15.00", "0.30")],
        "claude-haiku-4-5": [(dt.date(2025, 10, 15), None, "1.00", "5.00", "0.10")],
    },
    "OpenAI": {
        "gpt-5": [(dt.date(2025, 8, 7), dt.date(2026, 7, 1), "1.25", "10.00", "0.125"),
                  (dt.date(2026, 7, 1), None, "1.10", "9.00", "0.11")],
        "gpt-5-mini": [(dt.date(2025, 8, 7), None, "0.25", "2.00", "0.025")],
    },
}
CALIBRATION_MODELS = [("Anthropic", "claude-sonnet-4-5"), ("OpenAI", "gpt-5")]
AGENT_MODELS = [("Anthropic", "claude-haiku-4-5"), ("OpenAI", "gpt-5-mini"), ("Anthropic", "claude-sonnet-4-5")]

DECISION_TYPES = {
    "renewal": ["Renew {c} enterprise contract", "Renewal terms for {c}"],
    "pricing": ["Price change for the {p} tier", "Discount policy for {p}"],
    "budget_allocation": ["Q{q} budget reallocation for {d}", "Marketing budget split for {p}"],
    "vendor_selection": ["Select a vendor for {p} tooling"],
    "hiring_plan": ["Hiring plan for {d}"],
    "roadmap_priority": ["Prioritise the {p} roadmap item"],
}
CLIENTS = ["Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Tyrell"]
PRODUCTS = ["Analytics", "Starter", "Growth", "Enterprise", "Payments", "Mobile", "Data Platform"]

# Share of the real cost of AI the sample aims at (inside the article's ranges).
TARGET_AI_INFRA_SHARE = Decimal("0.095")
TARGET_ADJACENCY_SHARE = Decimal("0.050")
API_USAGE_OUTSIDE_DECISIONS = Decimal("1.06")
STALE_CARD_ROLE = "executive"  # its 2026 rate card is ~18% below payroll: the variance rule warns  # invoices carry ~6% more tokens than the inventory logs


def q(value: Decimal, exp: Decimal = CENT) -> Decimal:
    return value.quantize(exp, rounding=ROUND_HALF_UP)


def quarter_of(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


class Company:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.employees: list[dict] = []
        self.role_rates: dict[tuple[str, dt.date], Decimal] = {}

    # --- people and payroll -------------------------------------------------
    def hire(self) -> None:
        rng = self.rng
        number = 0
        for role, (salary, count) in ROLES.items():
            for _ in range(count):
                number += 1
                self.employees.append(self._employee(number, role, salary, dt.date(2025, 1, 1)))
        # steady hiring through the year: about three a month
        for month in range(1, 13):
            for _ in range(3 if month % 3 else 2):
                number += 1
                role = rng.choice(HIRE_ROLES)
                start = dt.date(YEAR, month, rng.randint(1, 28))
                self.employees.append(self._employee(number, role, ROLES[role][0], start))

    def _employee(self, number: int, role: str, salary: int, start: dt.date) -> dict:
        rng = self.rng
        part_time = role == "specialist" and rng.random() < 0.08
        return {
            "employee_id": f"E{number:05d}",
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "role": role,
            "job_title": rng.choice(JOB_TITLES[role]),
            "department": rng.choice(ROLE_DEPARTMENTS[role]),
            "salary": Decimal(int(salary * rng.uniform(0.88, 1.12))),
            "fte": Decimal("0.5") if part_time else Decimal("1"),
            "start": start,
        }

    def payroll(self) -> list[list]:
        rng = self.rng
        rows: list[list] = []
        comp: dict[tuple[str, dt.date], Decimal] = defaultdict(Decimal)
        hours: dict[tuple[str, dt.date], Decimal] = defaultdict(Decimal)
        line = 0
        period_end = dt.date(YEAR, 1, 9)
        while period_end.year == YEAR:
            period_start = period_end - dt.timedelta(days=13)
            pay_date = period_end + dt.timedelta(days=5)
            for emp in self.employees:
                if emp["start"] > period_end:
                    continue
                raise_factor = MID_YEAR_RAISE if period_end >= dt.date(YEAR, 4, 1) else Decimal(1)
                wages = q(emp["salary"] * raise_factor * emp["fte"] / 26)
                taxes = q(wages * EMPLOYER_TAX_RATE)
                benefits = q(wages * BENEFITS_RATE)
                paid_hours = q(FULL_TIME_PERIOD_HOURS * emp["fte"])
                line += 1
                row = [f"PL{line:07d}", emp["employee_id"], emp["name"], emp["job_title"], emp["department"],
                       period_start.isoformat(), period_end.isoformat(), pay_date.isoformat(),
                       wages, taxes, benefits, paid_hours, "USD"]
                rows.append(row)
                key = (emp["role"], quarter_of(period_end))
                comp[key] += wages + taxes + benefits
                hours[key] += paid_hours
                # a payroll correction now and then: the line is reversed and paid again
                if rng.random() < 0.0015:
                    line += 1
                    rows.append([f"PL{line:07d}", *row[1:8], -wages, -taxes, -benefits, -paid_hours, "USD"])
                    line += 1
                    rows.append([f"PL{line:07d}", *row[1:13]])
                    comp[key] += wages + taxes + benefits
                    hours[key] += paid_hours
                    comp[key] -= wages + taxes + benefits
                    hours[key] -= paid_hours
            period_end += dt.timedelta(days=14)
        # the export was re-run once and a few lines came out twice
        for row in rng.sample(rows, 12):
            rows.append(list(row))
        rows.sort(key=lambda r: (r[6], r[0]))
        for key, total in comp.items():
            self.role_rates[key] = total / hours[key]
        return rows

    def rate(self, role: str, day: dt.date) -> Decimal:
        return self.role_rates[(role, quarter_of(day))]


def price(provider: str, model: str, day: dt.date) -> tuple[Decimal, Decimal, Decimal]:
    for start, end, inp, out, cached in PRICE_CARD[provider][model]:
        if start <= day and (end is None or day < end):
            return Decimal(inp), Decimal(out), Decimal(cached)
    raise ValueError(f"no price for {provider}/{model} on {day}")


def token_cost(provider: str, model: str, day: dt.date, inp: int, out: int, cached: int) -> Decimal:
    p_in, p_out, p_cached = price(provider, model, day)
    return (inp * p_in + out * p_out + cached * p_cached) / Decimal(1_000_000)


class Inventory:
    """The decision log and every edge it traversed."""

    def __init__(self, company: Company) -> None:
        self.company = company
        self.rng = company.rng
        self.decisions: list[list] = []
        self.edges: list[list] = []
        self.participants: list[list] = []
        self.tokens: list[list] = []
        self.human_cost: dict[tuple[dt.date, str], Decimal] = defaultdict(Decimal)
        self.token_usage: dict[tuple[dt.date, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        self.decision_costs: list[Decimal] = []
        self.last_day = dt.date(YEAR, 12, 31)  # edges and ratifications are clamped to this day

    def usage_key(self, day: dt.date, provider: str, model: str) -> tuple:
        """Key under which an edge's tokens are billed (a scaled company adds its workspace)."""
        return (day, provider, model)

    def build(self, per_quarter: list[int]) -> None:
        number = 0
        for quarter, count in zip(QUARTERS, per_quarter):
            q_end = dt.date(quarter.year + (quarter.month + 3 > 12), (quarter.month + 2) % 12 + 1, 1)
            days = (q_end - quarter).days
            for _ in range(count):
                number += 1
                start = quarter + dt.timedelta(days=self.rng.randrange(days))
                self.decision(number, dt.datetime.combine(start, dt.time(9)) + dt.timedelta(minutes=self.rng.randrange(480)))

    def decision(self, number: int, initiated: dt.datetime) -> None:
        rng = self.rng
        decision_id = f"DEC-{initiated.year}-{number:04d}"
        dtype = rng.choices(list(DECISION_TYPES), weights=[18, 16, 22, 12, 12, 20])[0]
        title = rng.choice(DECISION_TYPES[dtype]).format(
            c=rng.choice(CLIENTS), p=rng.choice(PRODUCTS), d=rng.choice(DEPARTMENTS), q=(initiated.month - 1) // 3 + 1)
        department = rng.choice(ADOPTING_DEPARTMENTS)
        archetype = rng.choices(["bypass", "lean", "typical", "elevated", "bottleneck"], weights=[4, 14, 62, 14, 6])[0]
        clock = initiated
        plan: list[str] = []
        calibrations = {"bypass": 1, "lean": 1, "typical": rng.randint(1, 3), "elevated": 3, "bottleneck": 4}[archetype]
        handoffs = {"bypass": rng.randint(0, 1), "lean": rng.randint(0, 1)}.get(archetype, rng.randint(1, 3))
        reviews = {"bypass": 0, "lean": 1, "typical": rng.randint(2, 3), "elevated": 3, "bottleneck": 4}[archetype]
        meetings = {"bypass": 0, "lean": 1, "typical": rng.randint(2, 3), "elevated": rng.randint(3, 5),
                    "bottleneck": rng.randint(7, 10)}[archetype]
        plan += ["H2A"] * calibrations + ["A2A"] * handoffs + ["A2H"] * reviews + ["H2H"] * meetings
        if archetype == "bypass" and rng.random() < 0.5:
            plan.append("H2H")  # a quick sync, but still no review of the agent's output
        total = Decimal(0)
        for seq, edge_type in enumerate(plan, start=1):
            clock += dt.timedelta(hours=rng.randint(1, 16))
            clock = min(clock, dt.datetime.combine(self.last_day, dt.time(17)))
            total += self.edge(decision_id, seq, edge_type, clock, archetype)
        ratified = min(clock + dt.timedelta(hours=rng.randint(1, 30)), dt.datetime.combine(self.last_day, dt.time(18)))
        outcome = rng.choices(["approved", "amended", "rejected"], weights=[70, 22, 8])[0]
        self.decisions.append([decision_id, title, dtype, department, initiated.isoformat(sep=" "),
                               ratified.isoformat(sep=" "), outcome])
        self.decision_costs.append(total)

    def edge(self, decision_id: str, seq: int, edge_type: str, at: dt.datetime, archetype: str) -> Decimal:
        rng = self.rng
        edge_id = f"{decision_id}-E{seq:02d}"
        day = at.date()
        heavy = archetype in ("elevated", "bottleneck")
        iterations = 1
        remediation_minutes = 0
        remediation_role = None
        people: list[tuple[str, int, int]] = []
        usage: list[tuple[str, str, int, int, int]] = []
        if edge_type == "H2A":
            iterations = 1 if archetype == "bypass" else rng.randint(1, 4 if heavy else 3)
            role = rng.choice(["analyst", "senior_analyst", "data_scientist", "engineer", "product_manager"])
            people.append((role, 1, rng.choice([15, 20, 30]) if archetype == "bypass" else rng.choice([30, 45, 45, 60, 90])))
            provider, model = rng.choice(CALIBRATION_MODELS)
            usage.append((provider, model, iterations * rng.randint(20_000, 120_000),
                          iterations * rng.randint(2_000, 12_000), iterations * rng.randint(0, 60_000)))
        elif edge_type == "A2A":
            provider, model = rng.choice(AGENT_MODELS)
            usage.append((provider, model, rng.randint(200_000, 2_000_000), rng.randint(20_000, 200_000),
                          rng.randint(0, 1_000_000)))
            if archetype != "bypass" and rng.random() < 0.6:
                remediation_minutes = rng.choice([30, 45, 60, 90, 120])
                remediation_role = rng.choice(["engineer", "senior_engineer", "data_scientist"])
        elif edge_type == "A2H":
            iterations = rng.randint(1, 3)
            role = rng.choice(["manager", "senior_manager", "director", "senior_analyst"])
            people.append((role, 1, rng.choice([30, 45, 60, 60, 90])))
            if rng.random() < 0.45:
                people.append((rng.choice(["analyst", "product_manager", "account_executive"]), 1, 30))
        elif archetype == "bypass":  # a quick sync between two people
            people.append((rng.choice(["analyst", "manager"]), 1, 15))
            people.append(("senior_analyst", 1, 15))
        else:  # H2H alignment meeting
            minutes = rng.choice([30, 45, 60, 60, 90] if not heavy else [60, 90, 90, 120])
            pool = ["director", "senior_manager", "manager", "analyst", "senior_analyst", "product_manager",
                    "engineer", "account_executive"]
            if heavy or rng.random() < 0.25:
                pool.append("executive")
            for role in sorted(rng.sample(pool, rng.randint(2, 4))):
                people.append((role, rng.choice([1, 1, 2]), minutes))
        self.edges.append([edge_id, decision_id, seq, edge_type, at.isoformat(sep=" "), iterations,
                           remediation_minutes, remediation_role])
        cost = Decimal(0)
        quarter = quarter_of(day)
        for role, count, minutes in people:
            self.participants.append([edge_id, role, count, minutes])
            human = self.company.rate(role, day) * count * minutes * iterations / 60
            self.human_cost[(quarter, edge_type)] += human
            cost += human
        if remediation_minutes:
            fix = self.company.rate(remediation_role, day) * remediation_minutes / 60
            self.human_cost[(quarter, edge_type)] += fix
            cost += fix
        for provider, model, inp, out, cached in usage:
            self.tokens.append([edge_id, provider, model, inp, out, cached])
            bucket = self.token_usage[self.usage_key(day, provider, model)]
            bucket[0] += inp
            bucket[1] += out
            bucket[2] += cached
            cost += token_cost(provider, model, day, inp, out, cached)
        return cost


PAYROLL_COLUMNS = ["pay_line_id", "employee_id", "employee_name", "job_title", "department", "pay_period_start",
                   "pay_period_end", "pay_date", "wages", "employer_taxes", "benefits", "hours_paid", "currency"]
DECISION_LOG_COLUMNS = ["decision_id", "title", "decision_type", "department", "initiated_at", "ratified_at", "outcome"]
DECISION_EDGE_COLUMNS = ["edge_id", "decision_id", "edge_sequence", "edge_type", "occurred_at", "iterations",
                         "remediation_minutes", "remediation_role"]
PARTICIPANT_COLUMNS = ["edge_id", "role", "participant_count", "minutes_per_iteration"]
TOKEN_COLUMNS = ["edge_id", "provider", "model", "input_tokens", "output_tokens", "cached_input_tokens"]
RATE_CARD_COLUMNS = ["role", "loaded_hourly_rate_usd", "valid_from", "valid_to", "rate_source"]
PRICE_CARD_COLUMNS = ["provider", "model", "input_usd_per_1m_tokens", "output_usd_per_1m_tokens",
                      "cached_input_usd_per_1m_tokens", "valid_from", "valid_to", "price_source"]
QUARTERLY_METRICS_COLUMNS = ["quarter_start", "revenue_usd", "headcount_fte"]

FOCUS_COMMON = ["BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
                "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
                "ChargePeriodEnd", "ChargePeriodStart", "ConsumedQuantity", "ConsumedUnit", "EffectiveCost",
                "InvoiceIssuerName", "ListCost", "PricingCategory", "PricingQuantity", "PricingUnit",
                "PublisherName", "RegionId", "ResourceId", "ServiceCategory", "ServiceName", "SkuId",
                "SubAccountId", "SubAccountName", "Tags"]
CLOUD_COLUMNS = ["ProviderName", *FOCUS_COMMON]
AI_VENDOR_COLUMNS = ["ServiceProviderName", "HostProviderName", *FOCUS_COMMON]


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start, end


def focus_row(day: dt.date, cost: Decimal, *, category: str, service: str, sku: str, description: str,
              quantity: Decimal, unit: str, resource: str, tags: dict | None, account: tuple[str, str],
              issuer: str, publisher: str, region: str | None, charge_category: str = "Usage",
              charge_class: str | None = None) -> dict:
    b_start, b_end = month_bounds(day)
    cost = q(cost, D10)
    return {
        "BilledCost": cost, "BillingAccountId": account[0], "BillingAccountName": account[1],
        "BillingCurrency": "USD", "BillingPeriodEnd": f"{b_end} 00:00:00", "BillingPeriodStart": f"{b_start} 00:00:00",
        "ChargeCategory": charge_category, "ChargeClass": charge_class or "NULL", "ChargeDescription": description,
        "ChargeFrequency": "Usage-Based", "ChargePeriodEnd": f"{day + dt.timedelta(days=1)} 00:00:00",
        "ChargePeriodStart": f"{day} 00:00:00", "ConsumedQuantity": quantity, "ConsumedUnit": unit,
        "EffectiveCost": cost, "InvoiceIssuerName": issuer, "ListCost": cost, "PricingCategory": "Standard",
        "PricingQuantity": quantity, "PricingUnit": unit, "PublisherName": publisher, "RegionId": region or "NULL",
        "ResourceId": resource, "ServiceCategory": category, "ServiceName": service, "SkuId": sku,
        "SubAccountId": account[0][-6:], "SubAccountName": account[1], "Tags": json.dumps(tags) if tags else "NULL",
    }


def build_billing(company: Company, inventory: Inventory) -> tuple[list[dict], list[dict]]:
    """Cloud (FOCUS 1.0 column set, ProviderName) and AI vendor (FOCUS 1.3 column set, ServiceProviderName)."""
    rng = company.rng
    ai_vendor: list[dict] = []
    cloud: list[dict] = []
    api_cost: dict[dt.date, Decimal] = defaultdict(Decimal)
    for (day, provider, model), (inp, out, cached) in sorted(inventory.token_usage.items()):
        p_in, p_out, p_cached = price(provider, model, day)
        account = ("acct-ai-000123", "Coordination Sample Co")
        for kind, tokens, unit_price in (("input", inp, p_in), ("output", out, p_out), ("cached-input", cached, p_cached)):
            billed = Decimal(int(tokens * API_USAGE_OUTSIDE_DECISIONS))
            if not billed:
                continue
            cost = billed * unit_price / Decimal(1_000_000)
            api_cost[quarter_of(day)] += q(cost, D10)
            row = focus_row(day, cost, category="AI and Machine Learning", service=f"{provider} API",
                            sku=f"{model}:{kind}-tokens", description=f"{model} {kind} tokens",
                            quantity=billed, unit="Tokens", resource=f"{provider.lower()}/{model}",
                            tags={"workload": "ai-platform", "model": model}, account=account,
                            issuer=provider, publisher=provider, region=None)
            row["ServiceProviderName"] = provider
            row["HostProviderName"] = provider
            ai_vendor.append(row)
    aws = ("123456789012", "Sample Co Production")
    days = [dt.date(YEAR, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    for quarter in QUARTERS:
        q_days = [d for d in days if quarter_of(d) == quarter]
        coordination = sum(v for (qq, _), v in inventory.human_cost.items() if qq == quarter)
        real = coordination / (1 - TARGET_AI_INFRA_SHARE - TARGET_ADJACENCY_SHARE)
        gpu_total = real * TARGET_AI_INFRA_SHARE * Decimal("1.004") - api_cost[quarter]
        adjacency_total = real * TARGET_ADJACENCY_SHARE
        for day in q_days:
            noise = Decimal(str(round(rng.uniform(0.9, 1.1), 4)))
            gpu = gpu_total / len(q_days) * noise
            hours = q(gpu / Decimal("32.77"), Decimal("0.001"))
            cloud.append(focus_row(day, gpu, category="AI and Machine Learning", service="Amazon SageMaker",
                                   sku="ml.p4d.24xlarge", description="GPU inference endpoint hours",
                                   quantity=hours, unit="Hours", resource="endpoint/coordination-agents",
                                   tags={"workload": "ai-platform", "team": "ml-platform"}, account=aws,
                                   issuer="Amazon Web Services, Inc.", publisher="Amazon Web Services, Inc.",
                                   region="us-east-1"))
            for service, category, share, unit in (("Amazon Simple Storage Service", "Storage", "0.45", "GB-Mo"),
                                                   ("Amazon Virtual Private Cloud", "Networking", "0.30", "GB"),
                                                   ("Amazon OpenSearch Service", "Databases", "0.25", "Hours")):
                cost = adjacency_total / len(q_days) * Decimal(share) * noise
                cloud.append(focus_row(day, cost, category=category, service=service, sku=f"{service[:10]}-ai",
                                       description=f"{service} for the AI platform", quantity=q(cost * 10, CENT),
                                       unit=unit, resource=f"ai-platform/{category.lower()}",
                                       tags={"workload": "ai-platform", "team": "ml-platform"}, account=aws,
                                       issuer="Amazon Web Services, Inc.", publisher="Amazon Web Services, Inc.",
                                       region="us-east-1"))
            # the rest of the cloud bill: out of scope for coordination, shown beside it in the QBR
            for service, category, daily in (("Amazon Elastic Compute Cloud", "Compute", 2300),
                                             ("Amazon Relational Database Service", "Databases", 900),
                                             ("Amazon Simple Storage Service", "Storage", 450),
                                             ("AWS Data Transfer", "Networking", 280)):
                cost = Decimal(daily) * Decimal(str(round(rng.uniform(0.85, 1.15), 4)))
                cloud.append(focus_row(day, cost, category=category, service=service, sku=f"{service[:10]}-gen",
                                       description=f"{service} usage", quantity=q(cost * 4, CENT), unit="Units",
                                       resource=f"core/{category.lower()}", tags={"workload": "core-product"},
                                       account=aws, issuer="Amazon Web Services, Inc.",
                                       publisher="Amazon Web Services, Inc.", region="us-east-1"))
    # a late correction (FOCUS 1.2+ ChargeClass) and a credit, kept as adjustments
    first = dict(cloud[10])
    first.update({"BilledCost": q(-first["BilledCost"] * Decimal("0.1"), D10), "ChargeClass": "Correction"})
    first["EffectiveCost"] = first["ListCost"] = first["BilledCost"]
    cloud.append(first)
    credit = focus_row(dt.date(YEAR, 6, 30), Decimal("-500"), category="Compute", service="Amazon Elastic Compute Cloud",
                       sku="credit", description="Service credit", quantity=Decimal(0), unit="Units",
                       resource="core/compute", tags=None, account=aws, issuer="Amazon Web Services, Inc.",
                       publisher="Amazon Web Services, Inc.", region=None, charge_category="Credit")
    cloud.append(credit)
    for row in cloud:
        row["ProviderName"] = "AWS"
    # a re-exported day: the same lines delivered twice
    cloud.extend(dict(r) for r in cloud[200:205])
    return cloud, ai_vendor


def rate_card_rows() -> list[list]:
    """The hand-kept rate card: a 2025 and a 2026 window per role, from the compensation plan."""
    rate_rows = []
    for role, (salary, _) in ROLES.items():
        loaded = Decimal(salary) * (1 + EMPLOYER_TAX_RATE + BENEFITS_RATE) / 2080
        rate_rows.append([role, q(loaded / MID_YEAR_RAISE), "2025-01-01", "2026-01-01",
                          "2025 compensation plan: mean base x (1 + 7.65% FICA + 40% benefits) / 2,080 h"])
        if role == STALE_CARD_ROLE:
            # a planted finding: nobody updated this card after the 2026 executive pay review
            rate_rows.append([role, q(loaded * Decimal("0.82")), "2026-01-01", "2027-01-01",
                              "copied from the 2024 card, not yet reviewed for 2026"])
            continue
        rate_rows.append([role, q(loaded * Decimal("1.02")), "2026-01-01", "2027-01-01",
                          "2026 compensation plan: mean base incl. April merit x (1 + 7.65% FICA + 40% benefits) / 2,080 h"])
    return rate_rows


def price_card_rows() -> list[list]:
    price_rows = []
    for provider, models in PRICE_CARD.items():
        for model, windows in models.items():
            for start, end, inp, out, cached in windows:
                price_rows.append([provider, model, inp, out, cached, start.isoformat(),
                                   end.isoformat() if end else None, f"{provider} public list price, sample"])
    return price_rows


def job_title_rows() -> list[list]:
    return sorted([title, role] for role, titles in JOB_TITLES.items() for title in titles)


def generate(root: Path, seed: int = 2026) -> dict[str, int]:
    company = Company(seed)
    company.hire()
    payroll_rows = company.payroll()
    inventory = Inventory(company)
    inventory.build([1050, 1040, 1045, 1060])
    cloud, ai_vendor = build_billing(company, inventory)

    seeds = root / "seeds"
    sample = root / "data" / "sample"
    write_csv(sample / "payroll" / "payroll_register_2026.csv", PAYROLL_COLUMNS, payroll_rows)
    write_csv(sample / "billing" / "aws_focus_1_0_2026.csv", CLOUD_COLUMNS,
              [[r[c] for c in CLOUD_COLUMNS] for r in cloud])
    write_csv(sample / "billing" / "ai_vendors_focus_1_3_2026.csv", AI_VENDOR_COLUMNS,
              [[r[c] for c in AI_VENDOR_COLUMNS] for r in ai_vendor])

    write_csv(seeds / "decision_log.csv", DECISION_LOG_COLUMNS, inventory.decisions)
    write_csv(seeds / "decision_edges.csv", DECISION_EDGE_COLUMNS, inventory.edges)
    write_csv(seeds / "decision_edge_participants.csv", PARTICIPANT_COLUMNS, inventory.participants)
    write_csv(seeds / "decision_edge_tokens.csv", TOKEN_COLUMNS, inventory.tokens)
    write_csv(seeds / "role_rate_card.csv", RATE_CARD_COLUMNS, rate_card_rows())
    write_csv(seeds / "model_price_card.csv", PRICE_CARD_COLUMNS, price_card_rows())
    write_csv(seeds / "job_title_role_map.csv", ["job_title", "role"], job_title_rows())

    quarter_rows = []
    revenue = Decimal("37500000")
    for index, quarter in enumerate(QUARTERS):
        q_end = dt.date(YEAR + (index == 3), (quarter.month + 2) % 12 + 1, 1)
        active = [e for e in company.employees if e["start"] < q_end]
        fte = sum(e["fte"] for e in active)
        quarter_rows.append([quarter.isoformat(), q(revenue), fte])
        revenue *= Decimal("1.025")
    write_csv(seeds / "company_quarterly_metrics.csv", QUARTERLY_METRICS_COLUMNS, quarter_rows)
    # calendar exports and agent telemetry (their own random stream: the files above do not change)
    from coordination_finops.observed_sample import write_observed_sample

    observed = write_observed_sample(root, inventory, token_cost, seed)

    return {
        **observed,
        "payroll_lines": len(payroll_rows), "billing_rows": len(cloud) + len(ai_vendor),
        "decisions": len(inventory.decisions), "edges": len(inventory.edges),
        "participants": len(inventory.participants), "token_rows": len(inventory.tokens),
        "median_decision_cost": int(sorted(inventory.decision_costs)[len(inventory.decision_costs) // 2]),
        "human_cost_by_quarter_edge": {f"{k[0]} {k[1]}": int(v) for k, v in sorted(inventory.human_cost.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the sample company's seeds and source exports. With any of the size options, write "
                    "a scaled company as monthly files into a folder of its own instead (see scale.py).")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root to write into (default: .)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default: 2026)")
    scaled = parser.add_argument_group("scaled company (never written into seeds/ or data/sample/)")
    scaled.add_argument("--fte", type=int, help="people in the company (default 500, the sample's size)")
    scaled.add_argument("--months", type=int, help="months from 2026-01, 1 to 24 (default 12)")
    scaled.add_argument("--billing-grain", choices=["day", "hour"], help="FOCUS line items per day or per hour "
                        "(default day)")
    scaled.add_argument("--format", choices=["parquet", "csv"], help="file format (default parquet)")
    scaled.add_argument("--out", type=Path, help="output folder (default ROOT/data/generated/fte<N>-m<M>-<grain>)")
    scaled.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if any(v is not None for v in (args.fte, args.months, args.billing_grain, args.format, args.out)):
        from coordination_finops.scale import Size, generate_scaled

        try:
            size = Size(fte=500 if args.fte is None else args.fte, months=12 if args.months is None else args.months,
                        grain=args.billing_grain or "day", fmt=args.format or "parquet", seed=args.seed)
        except ValueError as error:
            parser.error(str(error))
        out = args.out or args.root / "data" / "generated" / size.default_folder
        summary = generate_scaled(size, out, args.root, progress=not args.quiet)
        print(json.dumps({"out": str(out), **summary}, indent=2))
        return 0
    summary = generate(args.root, args.seed)
    for key, value in summary.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
