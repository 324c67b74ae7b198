"""Calendar exports to one flat file of meeting occurrences x attendees.

Reads iCalendar (.ics) files, as calendar servers export them (Google, Microsoft 365,
Nextcloud, Fastmail ...), and Outlook's CSV export, and writes ONE normalized CSV that the
dbt source `observed.calendar_attendance` reads (text columns only, plus the source file):
one row per meeting occurrence and attendee.

* Recurrences are expanded with the maintained ``recurring-ical-events`` library on top of
  ``icalendar``: RRULE, RDATE, EXDATE and instances overridden by a RECURRENCE-ID (a moved
  or shortened occurrence replaces the one the rule generated).
* Times are converted to UTC with the event's TZID (the IANA database, so DST changes are
  applied per occurrence: a 09:00 New York meeting is 14:00 UTC in winter, 13:00 in summer).
  Floating times (no TZID, no Z) are read in ``--default-timezone``; Outlook's CSV has no
  time zone at all and is read in ``--outlook-timezone``.
* Nothing is dropped silently: every row the loader cannot count carries an
  ``exclusion_reason`` and is written too, so dbt quarantines and counts it:
  ``declined`` (PARTSTAT=DECLINED), ``delegated``, ``non_participant`` (ROLE=NON-PARTICIPANT),
  ``resource`` (a room or equipment, CUTYPE=ROOM/RESOURCE), ``cancelled`` (STATUS:CANCELLED),
  ``all_day``, ``zero_length``, ``no_attendees``, ``unparseable_event`` (no usable DTSTART or
  Outlook dates), ``unparseable_file``.
* Attendee display names (CN) are not written: the attendee is its e-mail address, which
  dbt pseudonymises in staging. Outlook exports without addresses give the display text,
  which is pseudonymised the same way.

Usage::

    coordination-finops-calendar data/sample/calendar --out data/normalized/calendar_attendance.csv \\
        --from 2026-01-01 --to 2027-01-01
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

COLUMNS = [
    "source_file", "source_format", "source_row", "event_uid", "recurrence_id", "occurrence_start_utc",
    "occurrence_end_utc", "duration_minutes", "title", "categories", "attendee_email", "attendee_type",
    "participation_status", "exclusion_reason",
]
UTC = dt.timezone.utc
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+")
OUTLOOK_REQUIRED = ["Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event",
                    "Meeting Organizer", "Required Attendees", "Optional Attendees", "Categories"]


@dataclass(frozen=True)
class Options:
    window_start: dt.datetime
    window_end: dt.datetime
    default_timezone: dt.tzinfo = UTC
    # Outlook's CSV carries no zone: None refuses an Outlook file rather than guess UTC
    outlook_timezone: dt.tzinfo | None = UTC
    outlook_date_format: str = "%m/%d/%Y"


def _utc_text(value: dt.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _to_utc(value: dt.date | dt.datetime, default_tz: dt.tzinfo) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    return value.astimezone(UTC)


def _address(value: object) -> str:
    text = str(value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def _categories(component) -> str:
    values: list[str] = []
    raw = component.get("CATEGORIES")
    for item in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        cats = getattr(item, "cats", None)
        values += [str(c) for c in cats] if cats is not None else str(item).split(",")
    return ";".join(v.strip() for v in values if v.strip())


def _row(**values) -> dict:
    row = {column: "" for column in COLUMNS}
    row.update({key: "" if value is None else str(value) for key, value in values.items()})
    return row


# --- iCalendar -----------------------------------------------------------------------------------

def _attendees(event) -> list[tuple[str, str, str, str | None]]:
    """(email, attendee_type, participation_status, exclusion) for the organizer and every attendee."""
    people: list[tuple[str, str, str, str | None]] = []
    raw = event.get("ATTENDEE")
    listed = raw if isinstance(raw, list) else [raw] if raw is not None else []
    for attendee in listed:
        params = getattr(attendee, "params", {})
        role = str(params.get("ROLE", "REQ-PARTICIPANT")).upper()
        status = str(params.get("PARTSTAT", "NEEDS-ACTION")).upper()
        cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
        exclusion = None
        if cutype in ("ROOM", "RESOURCE"):
            exclusion = "resource"
        elif role == "NON-PARTICIPANT":
            exclusion = "non_participant"
        elif status == "DECLINED":
            exclusion = "declined"
        elif status == "DELEGATED":
            exclusion = "delegated"  # the delegate is listed as an attendee of its own
        kind = {"CHAIR": "chair", "OPT-PARTICIPANT": "optional"}.get(role, "required")
        people.append((_address(attendee), kind, status, exclusion))
    organizer = event.get("ORGANIZER")
    if organizer is not None and _address(organizer) not in {p[0] for p in people}:
        # the organizer attends the meeting they called unless they are listed otherwise
        people.insert(0, (_address(organizer), "organizer", "ACCEPTED", None))
    return people


def _occurrence_rows(event, source_file: str, options: Options) -> list[dict]:
    start = event.get("DTSTART").dt
    end_prop = event.get("DTEND")
    if end_prop is not None:
        end = end_prop.dt
    elif event.get("DURATION") is not None:
        end = start + event.get("DURATION").dt
    else:
        end = start if isinstance(start, dt.datetime) else start + dt.timedelta(days=1)
    recurrence = event.get("RECURRENCE-ID")
    common = dict(
        source_file=source_file, source_format="ics", event_uid=str(event.get("UID", "")),
        recurrence_id=_utc_text(_to_utc(recurrence.dt, options.default_timezone)) if recurrence is not None else "",
        title=str(event.get("SUMMARY", "")), categories=_categories(event),
    )
    occurrence_exclusion = None
    if not isinstance(start, dt.datetime):
        occurrence_exclusion = "all_day"
    start_utc = _to_utc(start, options.default_timezone)
    end_utc = _to_utc(end, options.default_timezone)
    minutes = int((end_utc - start_utc).total_seconds() // 60)
    if occurrence_exclusion is None and str(event.get("STATUS", "")).upper() == "CANCELLED":
        occurrence_exclusion = "cancelled"
    if occurrence_exclusion is None and minutes <= 0:
        occurrence_exclusion = "zero_length"
    common.update(occurrence_start_utc=_utc_text(start_utc), occurrence_end_utc=_utc_text(end_utc),
                  duration_minutes=minutes)
    people = _attendees(event)
    if not people:
        return [_row(**common, exclusion_reason=occurrence_exclusion or "no_attendees")]
    return [_row(**common, attendee_email=email, attendee_type=kind, participation_status=status,
                 exclusion_reason=occurrence_exclusion or exclusion)
            for email, kind, status, exclusion in people]


def _usable_start(event) -> bool:
    try:
        return isinstance(event.get("DTSTART").dt, (dt.date, dt.datetime))
    except Exception:  # noqa: BLE001 - any parse failure makes the event unusable, with a reason
        return False


def parse_ics(text: str | bytes, source_file: str, options: Options) -> list[dict]:
    """Every occurrence x attendee row of an iCalendar text, excluded rows included with their reason."""
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception:  # noqa: BLE001
        return [_row(source_file=source_file, source_format="ics", exclusion_reason="unparseable_file")]
    rows: list[dict] = []
    bad_uids = set()
    for event in calendar.walk("VEVENT"):
        if not _usable_start(event):
            bad_uids.add(str(event.get("UID", "")))
            rows.append(_row(source_file=source_file, source_format="ics", event_uid=event.get("UID", ""),
                             title=event.get("SUMMARY", ""), categories=_categories(event),
                             exclusion_reason="unparseable_event"))
    if bad_uids:  # expand the rest of the calendar without the unusable series
        calendar.subcomponents = [c for c in calendar.subcomponents
                                  if not (c.name == "VEVENT" and str(c.get("UID", "")) in bad_uids)]
    query = recurring_ical_events.of(calendar)
    try:
        occurrences = list(query.between(options.window_start, options.window_end))
    except Exception:  # noqa: BLE001 - a broken RRULE etc.: the whole file is unusable, say so
        return rows + [_row(source_file=source_file, source_format="ics", exclusion_reason="unparseable_file")]
    for event in occurrences:
        rows += _occurrence_rows(event, source_file, options)
    return rows


# --- Outlook CSV ---------------------------------------------------------------------------------

def _people(text: str) -> list[str]:
    """Outlook's attendee cells: 'Name <a@x>; b@x; Name' -> addresses (the text when there is none)."""
    people = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        match = EMAIL.search(part)
        people.append(match.group(0).lower() if match else part.lower())
    return people


def _outlook_time(day: str, clock: str, options: Options) -> dt.datetime:
    date = dt.datetime.strptime(day.strip(), options.outlook_date_format).date()
    for fmt in ("%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M"):
        try:
            time = dt.datetime.strptime(clock.strip().upper(), fmt).time()
            break
        except ValueError:
            continue
    else:
        raise ValueError(f"time {clock!r}")
    return dt.datetime.combine(date, time, tzinfo=options.outlook_timezone).astimezone(UTC)


def parse_outlook_csv(text: str, source_file: str, options: Options) -> list[dict]:
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in OUTLOOK_REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"Outlook CSV {source_file} is missing column(s): {', '.join(missing)}")
    rows: list[dict] = []
    for number, record in enumerate(reader, start=2):  # line 1 is the header
        common = dict(source_file=source_file, source_format="outlook_csv", source_row=number,
                      event_uid=f"outlook:{Path(source_file).name}:{number}", title=record["Subject"] or "",
                      categories=";".join(c.strip() for c in (record["Categories"] or "").split(";") if c.strip()))
        organizer = _people(record["Meeting Organizer"])
        required = [p for p in _people(record["Required Attendees"]) if p not in organizer]
        optional = [p for p in _people(record["Optional Attendees"]) if p not in organizer + required]
        people = ([(p, "organizer") for p in organizer] + [(p, "required") for p in required]
                  + [(p, "optional") for p in optional])
        exclusion = None
        try:
            start = _outlook_time(record["Start Date"], record["Start Time"] or "00:00", options)
            end = _outlook_time(record["End Date"] or record["Start Date"], record["End Time"] or "00:00", options)
            minutes = int((end - start).total_seconds() // 60)
            common.update(occurrence_start_utc=_utc_text(start), occurrence_end_utc=_utc_text(end),
                          duration_minutes=minutes)
            if (record["All day event"] or "").strip().lower() in ("true", "yes", "1"):
                exclusion = "all_day"
            elif minutes <= 0:
                exclusion = "zero_length"
        except (ValueError, TypeError):
            exclusion = "unparseable_event"
        if not people:
            rows.append(_row(**common, exclusion_reason=exclusion or "no_attendees"))
        # Outlook's CSV has no participation status: everyone invited is counted
        rows += [_row(**common, attendee_email=p, attendee_type=kind, participation_status="",
                      exclusion_reason=exclusion) for p, kind in people]
    return rows


# --- files ---------------------------------------------------------------------------------------

def input_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            exports = sorted(p for p in path.iterdir() if p.suffix.lower() in (".ics", ".csv"))
            if not exports:
                raise FileNotFoundError(f"no calendar export (.ics or .csv file) in {path}")
            yield from exports
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"calendar export {path} does not exist")


def load(paths: Iterable[Path], options: Options) -> list[dict]:
    rows: list[dict] = []
    for path in input_files(paths):
        source = path.as_posix()
        if path.suffix.lower() == ".ics":
            rows += parse_ics(path.read_bytes(), source, options)
        else:
            if options.outlook_timezone is None:
                raise ValueError(f"Outlook CSV {source} carries no time zone: say which with --outlook-timezone "
                                 "(an IANA name such as America/New_York, or UTC)")
            rows += parse_outlook_csv(path.read_text(encoding="utf-8-sig"), source, options)
    return rows


def write(rows: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _day(text: str) -> dt.datetime:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _zone(text: str) -> dt.tzinfo:
    try:
        return ZoneInfo(text)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError; "America" a folder
        raise argparse.ArgumentTypeError(f"unknown time zone {text!r} (an IANA name such as America/New_York)") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coordination-finops-calendar", description="Normalize iCalendar (.ics) and Outlook CSV calendar exports into "
                                                 "one CSV of meeting occurrences x attendees for dbt.")
    parser.add_argument("inputs", nargs="*", type=Path, default=[Path("data/sample/calendar")],
                        help=".ics / .csv files or folders (default: data/sample/calendar)")
    parser.add_argument("--out", type=Path, default=Path("data/normalized/calendar_attendance.csv"),
                        help="the CSV to write, folders created (default: data/normalized/calendar_attendance.csv, "
                             "where the dbt source reads it)")
    parser.add_argument("--from", dest="window_start", type=_day, default=_day("2000-01-01"),
                        help="first day of occurrences to expand, UTC (default 2000-01-01)")
    parser.add_argument("--to", dest="window_end", type=_day, default=None,
                        help="day after the last occurrence to expand, UTC (default: today; a meeting "
                             "that has not happened yet has cost nothing)")
    parser.add_argument("--default-timezone", type=_zone, default=UTC,
                        help="zone of floating iCalendar times, IANA name (default UTC)")
    parser.add_argument("--outlook-timezone", type=_zone, default=None,
                        help="zone of Outlook CSV times, IANA name; required when an Outlook CSV is read (its "
                             "times carry none)")
    parser.add_argument("--outlook-date-format", default="%m/%d/%Y",
                        help="strptime format of Outlook dates (default %%m/%%d/%%Y)")
    args = parser.parse_args(argv)
    window_end = args.window_end or _day(dt.datetime.now(UTC).date().isoformat())
    if window_end <= args.window_start:
        parser.error(f"--to ({window_end.date()}) must be after --from ({args.window_start.date()})")
    options = Options(args.window_start, window_end, args.default_timezone,
                      args.outlook_timezone, args.outlook_date_format)
    try:
        rows = load(args.inputs, options)
    except (FileNotFoundError, ValueError) as error:
        print(f"coordination-finops-calendar: {error}", file=sys.stderr)
        return 2
    write(rows, args.out)
    excluded = sum(1 for r in rows if r["exclusion_reason"])
    print(f"{args.out}: {len(rows)} rows ({len(rows) - excluded} attendances, {excluded} excluded with a reason)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
