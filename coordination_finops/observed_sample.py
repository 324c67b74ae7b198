"""The sample company's observed edges: calendar exports and agent telemetry.

Written by the generator beside the inventory, consistent with it, from a random stream of
its own (the inventory, payroll and billing files do not change):

* ``data/sample/calendar/northwind_calendar_2026.ics``: the H2H meetings of 18 observed
  decisions (Q1-Q3) as a calendar server exports them (New York time, VTIMEZONE, organizer,
  attendees with ROLE and PARTSTAT), each titled ``[DEC-...]``; plus a weekly "Agent governance"
  series (category ``AI coordination``, no decision: RRULE across the March and November DST
  changes, EXDATE, RDATE and a moved and shortened RECURRENCE-ID instance), a meeting citing a
  decision that does not exist, a non-AI weekly lunch, an all-day offsite and a zero-length hold;
  declined attendees, a room and an external guest on some meetings.
* ``data/sample/calendar/outlook_export_2026_q4.csv``: the Q4 observed decisions' meetings as
  Outlook's CSV export (New York local times, no participation status).
* ``data/sample/telemetry/litellm_spend_logs_2026.csv``: the observed decisions' H2A calibration
  calls through the LLM gateway, one per iteration, tagged ``decision:DEC-...``; plus team-level
  calls with no decision, a failed request, a re-exported row and a row with text in a number.
* ``data/sample/telemetry/otel_genai_spans_2026.jsonl``: their A2A hand-offs as OpenTelemetry
  GenAI spans (``gen_ai.conversation.id`` carries the decision), plus one span with no price.
* ``seeds/calendar_attendee_roles.csv``: attendee e-mail -> role.

Observed minutes equal the inventoried ones except for one planted decision whose meetings all
ran 20% over (the variance rule warns on it, within the 25% error threshold); prompt tokens
include the cached ones (gateways log them together), so observed token cost sits slightly above
the inventory's.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.timezone.utc
DOMAIN = "northwind.example"
PEOPLE_PER_ROLE = 8
OBSERVED_PER_QUARTER = 6
PLANTED_OVERRUN = Decimal("1.2")  # the planted decision's meetings ran 20% over the inventory
LITELLM_COLUMNS = ["request_id", "call_type", "startTime", "endTime", "model", "custom_llm_provider",
                   "prompt_tokens", "completion_tokens", "total_tokens", "spend", "user", "team_id",
                   "request_tags", "session_id", "status"]


def email(role: str, number: int) -> str:
    return f"{role.replace('_', '.')}.{number:02d}@{DOMAIN}"


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def _iso(value: dt.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


class ObservedSample:
    def __init__(self, inventory, token_cost, seed: int) -> None:
        self.inventory = inventory
        self.token_cost = token_cost
        self.rng = random.Random(seed * 7 + 3)
        self.edges = defaultdict(list)
        for edge in inventory.edges:
            self.edges[edge[1]].append(edge)
        self.participants = defaultdict(list)
        for row in inventory.participants:
            self.participants[row[0]].append(row)
        self.tokens = defaultdict(list)
        for row in inventory.tokens:
            self.tokens[row[0]].append(row)

    def observed_decisions(self) -> tuple[list[list], str]:
        """Six ratified decisions a quarter whose edges all fall in one quarter and that met at least once,
        and the planted one: meetings worth most of its observable cost, so a 20% overrun warns."""
        eligible = defaultdict(list)
        for decision in self.inventory.decisions:
            edges = self.edges[decision[0]]
            quarters = {_quarter(_utc(e[4]).date()) for e in edges}
            if len(quarters) == 1 and any(e[3] == "H2H" for e in edges) and decision[6] != "rejected":
                eligible[quarters.pop()].append(decision)
        chosen = []
        for quarter in sorted(eligible):
            chosen += sorted(self.rng.sample(eligible[quarter], OBSERVED_PER_QUARTER))
        second_quarter = [d[0] for d in chosen[6:12]]
        planted = next((d for d in second_quarter if self.meeting_share(d) > Decimal("0.9")),
                       max(second_quarter, key=self.meeting_share))
        return chosen, planted

    def meeting_share(self, decision_id: str) -> Decimal:
        meetings = sum(Decimal(p[2] * p[3]) for e in self.edges[decision_id] if e[3] == "H2H"
                       for p in self.participants[e[0]])
        tokens = sum(self.token_cost(t[1], t[2], _utc(e[4]).date(), t[3], t[4], t[5]) * 60
                     for e in self.edges[decision_id] for t in self.tokens[e[0]])
        return meetings / (meetings + tokens / Decimal(50))  # ~USD 50/h: a share, not a cost

    # --- calendar ------------------------------------------------------------------------------

    def attendees(self, edge_id: str) -> list[str]:
        people = []
        for _, role, count, _ in self.participants[edge_id]:
            numbers = self.rng.sample(range(1, PEOPLE_PER_ROLE + 1), count)
            people += [email(role, n) for n in sorted(numbers)]
        return people

    def meetings(self, chosen: list[list], planted: str) -> list[dict]:
        meetings = []
        for decision in chosen:
            for edge in self.edges[decision[0]]:
                if edge[3] != "H2H":
                    continue
                minutes = self.participants[edge[0]][0][3]
                if decision[0] == planted:
                    minutes = int(minutes * PLANTED_OVERRUN)
                meetings.append({"uid": f"{edge[0].lower()}@{DOMAIN}", "title": f"[{decision[0]}] {decision[1]}",
                                 "start": _utc(edge[4]), "minutes": minutes, "people": self.attendees(edge[0]),
                                 "ai_category": self.rng.random() < 0.5, "quarter": _quarter(_utc(edge[4]).date())})
        return meetings

    def ics(self, meetings: list[dict]) -> bytes:
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Northwind//Sample calendar export//EN")
        calendar.add("version", "2.0")
        stamp = dt.datetime(2027, 1, 2, 8, 0, tzinfo=UTC)

        def event(uid, title, start, end, organizer, attendees, categories=None, **extra):
            item = icalendar.Event()
            item.add("uid", uid)
            item.add("dtstamp", stamp)
            item.add("dtstart", start)
            if end is not None:
                item.add("dtend", end)
            item.add("summary", title)
            if categories:
                item.add("categories", categories)
            organizer_address = icalendar.vCalAddress(f"mailto:{organizer}")
            item.add("organizer", organizer_address)
            for address, params in attendees:
                attendee = icalendar.vCalAddress(f"mailto:{address}")
                attendee.params.update(params)
                item.add("attendee", attendee, encode=0)
            for key, value in extra.items():
                item.add(key.replace("_", "-"), value)
            calendar.add_component(item)
            return item

        for index, m in enumerate(meetings):
            start = m["start"].astimezone(NEW_YORK)
            people = [(p, {"ROLE": "CHAIR" if i == 0 else "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED"})
                      for i, p in enumerate(m["people"])]
            if index % 4 == 1:  # invited, declined: not counted
                people.append((email("director", 8), {"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "DECLINED"}))
            if index % 5 == 2:  # the meeting room: not a person
                people.append((f"room.4@{DOMAIN}", {"CUTYPE": "ROOM", "ROLE": "NON-PARTICIPANT",
                                                     "PARTSTAT": "ACCEPTED"}))
            if index == 3:  # a client's guest: not on the attendee map, quarantined with a reason
                people.append(("guest@client.example", {"ROLE": "OPT-PARTICIPANT", "PARTSTAT": "ACCEPTED"}))
            event(m["uid"], m["title"], start, start + dt.timedelta(minutes=m["minutes"]), m["people"][0], people,
                  ["AI coordination"] if m["ai_category"] else None)

        # the weekly agent governance sync: AI coordination tied to no decision
        team = [email("director", 1), email("manager", 2), email("senior_engineer", 3), email("engineer", 4)]
        first = dt.datetime(2026, 1, 6, 10, 0, tzinfo=NEW_YORK)
        series = [(p, {"ROLE": "CHAIR" if i == 0 else "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED"})
                  for i, p in enumerate(team)]
        series.append((email("executive", 2), {"ROLE": "OPT-PARTICIPANT", "PARTSTAT": "DECLINED"}))
        governance = event(f"agent-governance@{DOMAIN}", "Agent governance weekly", first,
                           first + dt.timedelta(minutes=45), team[0], series, ["AI coordination"],
                           rrule={"FREQ": "WEEKLY", "COUNT": 48})
        governance.add("exdate", [dt.datetime(2026, 7, 7, 10, 0, tzinfo=NEW_YORK),
                                  dt.datetime(2026, 11, 24, 10, 0, tzinfo=NEW_YORK)])
        governance.add("rdate", [dt.datetime(2026, 7, 9, 15, 0, tzinfo=NEW_YORK)])
        moved = dt.datetime(2026, 3, 12, 14, 0, tzinfo=NEW_YORK)
        event(f"agent-governance@{DOMAIN}", "Agent governance weekly (moved)", moved,
              moved + dt.timedelta(minutes=30), team[0], series[:3], ["AI coordination"],
              recurrence_id=dt.datetime(2026, 3, 10, 10, 0, tzinfo=NEW_YORK))
        ref = dt.datetime(2026, 5, 14, 11, 0, tzinfo=NEW_YORK)
        event(f"unknown-decision@{DOMAIN}", "[DEC-2026-9999] Vendor shortlist for agent tooling", ref,
              ref + dt.timedelta(minutes=60), team[1], [(p, {"PARTSTAT": "ACCEPTED"}) for p in team[1:3]])
        lunch = dt.datetime(2026, 1, 8, 12, 0, tzinfo=NEW_YORK)
        event(f"team-lunch@{DOMAIN}", "Team lunch", lunch, lunch + dt.timedelta(minutes=60), team[1],
              [(p, {"PARTSTAT": "ACCEPTED"}) for p in team], rrule={"FREQ": "WEEKLY", "COUNT": 10})
        event(f"ai-offsite@{DOMAIN}", "AI offsite", dt.date(2026, 9, 17), dt.date(2026, 9, 18), team[0],
              [(p, {"PARTSTAT": "ACCEPTED"}) for p in team], ["AI coordination"])
        hold = dt.datetime(2026, 10, 1, 9, 0, tzinfo=NEW_YORK)
        event(f"hold@{DOMAIN}", "Hold: prompt review", hold, hold, team[2], [], ["AI coordination"])
        calendar.add_missing_timezones()
        return calendar.to_ical()

    @staticmethod
    def outlook_rows(meetings: list[dict]) -> list[list]:
        rows = []
        for m in meetings:
            start = m["start"].astimezone(NEW_YORK)
            end = start + dt.timedelta(minutes=m["minutes"])
            people = m["people"]
            rows.append([m["title"], f"{start.month}/{start.day}/{start.year}", start.strftime("%I:%M:%S %p").lstrip("0"),
                         f"{end.month}/{end.day}/{end.year}", end.strftime("%I:%M:%S %p").lstrip("0"), "False", "True",
                         people[0], "; ".join(people[1:]), "", "",
                         "AI coordination" if m["ai_category"] else "", "", "Normal", "Busy"])
        return rows

    # --- telemetry -----------------------------------------------------------------------------

    def telemetry(self, chosen: list[list]) -> tuple[list[list], list[str]]:
        calls, spans = [], []
        for decision in chosen:
            for edge in self.edges[decision[0]]:
                at = _utc(edge[4])
                for _, provider, model, inp, out, cached in self.tokens[edge[0]]:
                    if edge[3] == "H2A":
                        iterations = int(edge[5])
                        for i in range(iterations):
                            prompt = (inp + cached) // iterations + (i == iterations - 1) * ((inp + cached) % iterations)
                            completion = out // iterations + (i == iterations - 1) * (out % iterations)
                            calls.append(self.call(f"{edge[0]}-{i + 1}", at + dt.timedelta(minutes=7 * i), provider,
                                                   model, prompt, completion, decision[0]))
                    else:
                        spans.append(self.span(edge[0], at, provider, model, inp + cached, out, decision[0]))
        # team-level gateway traffic, tied to no decision
        for month in range(1, 13):
            at = dt.datetime(2026, month, 15, 16, 0, tzinfo=UTC)
            calls.append(self.call(f"team-{month:02d}", at, "OpenAI", "gpt-5", 400_000, 30_000, None))
        calls.append(self.call("failed-01", dt.datetime(2026, 2, 3, 10, 0, tzinfo=UTC), "OpenAI", "gpt-5", 1200, 0,
                               None, status="failure"))
        calls.append(list(calls[0]))  # a re-exported row: same request id, same content
        broken = self.call("broken-01", dt.datetime(2026, 4, 3, 10, 0, tzinfo=UTC), "Anthropic", "claude-sonnet-4-5",
                           1000, 100, None)
        broken[LITELLM_COLUMNS.index("prompt_tokens")] = "n/a"
        calls.append(broken)
        spans.append(self.span("unpriced-01", dt.datetime(2026, 8, 4, 10, 0, tzinfo=UTC), "Mistral",
                               "mistral-large", 50_000, 5_000, None))
        return calls, spans

    def call(self, request: str, at: dt.datetime, provider: str, model: str, prompt: int, completion: int,
             decision_id: str | None, status: str = "success") -> list:
        # the gateway's own price list is the vendor's list price: the same as the card
        spend = self.token_cost(provider, model, at.date(), prompt, completion, 0) if status == "success" else Decimal(0)
        tags = ["app:coordination-agents"] + ([f"decision:{decision_id}"] if decision_id else [])
        user = email(self.rng.choice(["analyst", "senior_analyst", "data_scientist", "engineer"]),
                     self.rng.randint(1, PEOPLE_PER_ROLE))
        return [f"req-{request.lower()}", "acompletion", _iso(at), _iso(at + dt.timedelta(seconds=41)), model,
                provider.lower(), prompt, completion, prompt + completion, f"{spend:.8f}", user,
                "team-" + ("agents" if decision_id else "platform"), json.dumps(tags),
                f"sess-{decision_id or 'team'}".lower(), status]

    def span(self, name: str, at: dt.datetime, provider: str, model: str, inp: int, out: int,
             decision_id: str | None) -> str:
        span_id = f"{self.rng.getrandbits(64):016x}"
        return json.dumps({
            "trace_id": f"{self.rng.getrandbits(128):032x}", "span_id": span_id, "parent_span_id": None,
            "name": f"invoke_agent {name.lower()}", "kind": "SPAN_KIND_CLIENT",
            "start_time": _iso(at), "end_time": _iso(at + dt.timedelta(seconds=95)),
            "status": {"code": "STATUS_CODE_OK"},
            "attributes": {
                "gen_ai.operation.name": "invoke_agent", "gen_ai.provider.name": provider.lower(),
                "gen_ai.request.model": model, "gen_ai.response.model": model,
                "gen_ai.usage.input_tokens": inp, "gen_ai.usage.output_tokens": out,
                "gen_ai.agent.id": f"agent-{name.lower()}",
                "gen_ai.conversation.id": f"{decision_id}:handoff" if decision_id else f"conv-{span_id}",
            },
        }, sort_keys=True)


def write_observed_sample(root: Path, inventory, token_cost, seed: int) -> dict[str, int]:
    sample = ObservedSample(inventory, token_cost, seed)
    chosen, planted = sample.observed_decisions()
    meetings = sample.meetings(chosen, planted)
    calendar_dir = root / "data" / "sample" / "calendar"
    telemetry_dir = root / "data" / "sample" / "telemetry"
    calendar_dir.mkdir(parents=True, exist_ok=True)
    telemetry_dir.mkdir(parents=True, exist_ok=True)
    q4 = [m for m in meetings if m["quarter"][1] == 3]
    (calendar_dir / "northwind_calendar_2026.ics").write_bytes(sample.ics([m for m in meetings if m not in q4]))
    with (calendar_dir / "outlook_export_2026_q4.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event",
                         "Reminder on/off", "Meeting Organizer", "Required Attendees", "Optional Attendees",
                         "Meeting Resources", "Categories", "Description", "Sensitivity", "Show time as"])
        writer.writerows(sample.outlook_rows(q4))
    calls, spans = sample.telemetry(chosen)
    with (telemetry_dir / "litellm_spend_logs_2026.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LITELLM_COLUMNS)
        writer.writerows(calls)
    (telemetry_dir / "otel_genai_spans_2026.jsonl").write_text("\n".join(spans) + "\n", encoding="utf-8")
    roles = sorted({row[1] for row in inventory.participants} | {"director", "manager", "senior_engineer",
                                                                  "engineer", "executive"})
    with (root / "seeds" / "calendar_attendee_roles.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["attendee_email", "role"])
        writer.writerows([email(role, n), role] for role in roles for n in range(1, PEOPLE_PER_ROLE + 1))
    return {"observed_decisions": len(chosen), "planted_overrun_decision": planted, "meetings": len(meetings),
            "litellm_rows": len(calls), "otel_spans": len(spans)}
