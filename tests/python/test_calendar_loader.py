"""The calendar loader, in-process on small iCalendar and Outlook CSV texts.

The iCalendar fixture is shaped like a calendar server's export (a VTIMEZONE, an organizer,
attendees with ROLE, PARTSTAT and CN, a weekly series with EXDATE, RDATE and an overridden
RECURRENCE-ID instance); every occurrence and every attendee is checked.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from coordination_finops import calendar

UTC = dt.timezone.utc
OPTIONS = calendar.Options(dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2027, 1, 1, tzinfo=UTC))

SERIES = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example Corp.//CalDAV Server//EN
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:agent-review-series@example.com
DTSTAMP:20260101T120000Z
DTSTART;TZID=America/New_York:20260226T090000
DTEND;TZID=America/New_York:20260226T100000
SUMMARY:[DEC-2026-014] Weekly agent output review
CATEGORIES:AI coordination,Finance
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=America/New_York:20260305T090000
RDATE;TZID=America/New_York:20260320T140000
ORGANIZER;CN=Dana Chair:mailto:Dana@Example.com
ATTENDEE;CN=Dana Chair;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:dana@example.com
ATTENDEE;CN=Eli Analyst;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:eli@example.com
ATTENDEE;CN=Fay Manager;ROLE=OPT-PARTICIPANT;PARTSTAT=TENTATIVE:mailto:fay@example.com
ATTENDEE;CN=Gus Director;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED:mailto:gus@example.com
ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 4:mailto:room4@example.com
END:VEVENT
BEGIN:VEVENT
UID:agent-review-series@example.com
DTSTAMP:20260101T120000Z
RECURRENCE-ID;TZID=America/New_York:20260312T090000
DTSTART;TZID=America/New_York:20260312T110000
DTEND;TZID=America/New_York:20260312T113000
SUMMARY:[DEC-2026-014] Weekly agent output review (moved, short)
CATEGORIES:AI coordination
ORGANIZER;CN=Dana Chair:mailto:dana@example.com
ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:dana@example.com
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED:mailto:eli@example.com
END:VEVENT
BEGIN:VEVENT
UID:offsite@example.com
DTSTAMP:20260101T120000Z
DTSTART;VALUE=DATE:20260401
DTEND;VALUE=DATE:20260402
SUMMARY:AI offsite
CATEGORIES:AI coordination
ORGANIZER:mailto:dana@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:eli@example.com
END:VEVENT
BEGIN:VEVENT
UID:placeholder@example.com
DTSTAMP:20260101T120000Z
DTSTART:20260402T150000Z
DTEND:20260402T150000Z
SUMMARY:Hold for prompt review
ORGANIZER:mailto:eli@example.com
END:VEVENT
BEGIN:VEVENT
UID:cancelled@example.com
DTSTAMP:20260101T120000Z
DTSTART:20260403T150000Z
DTEND:20260403T160000Z
STATUS:CANCELLED
SUMMARY:Cancelled sync
ORGANIZER:mailto:eli@example.com
END:VEVENT
END:VCALENDAR
"""


def rows_of(text: str, options=OPTIONS) -> list[dict]:
    return calendar.parse_ics(text.replace("\n", "\r\n"), "team.ics", options)


def test_every_occurrence_and_attendee_of_the_series():
    rows = [r for r in rows_of(SERIES) if r["event_uid"] == "agent-review-series@example.com"]
    by_start = {}
    for row in rows:
        by_start.setdefault(row["occurrence_start_utc"], []).append(row)
    # RRULE COUNT=4 from Feb 26: Feb 26, Mar 5 (EXDATE), Mar 12 (overridden), Mar 19; RDATE Mar 20 14:00.
    # New York leaves EST (UTC-5) for EDT (UTC-4) on 8 March 2026: 09:00 local is 14:00 then 13:00 UTC.
    assert sorted(by_start) == [
        "2026-02-26 14:00:00",  # EST
        "2026-03-12 15:00:00",  # the override: moved to 11:00 EDT
        "2026-03-19 13:00:00",  # EDT
        "2026-03-20 18:00:00",  # the RDATE, 14:00 EDT
    ]
    regular = {r["attendee_email"]: r for r in by_start["2026-02-26 14:00:00"]}
    # organizer dana is also an attendee (CHAIR): one row, not two; CN names are never written
    assert sorted(regular) == ["dana@example.com", "eli@example.com", "fay@example.com", "gus@example.com",
                               "room4@example.com"]
    assert {e: (r["attendee_type"], r["participation_status"], r["exclusion_reason"]) for e, r in regular.items()} == {
        "dana@example.com": ("chair", "ACCEPTED", ""),
        "eli@example.com": ("required", "ACCEPTED", ""),
        "fay@example.com": ("optional", "TENTATIVE", ""),
        "gus@example.com": ("required", "DECLINED", "declined"),
        "room4@example.com": ("required", "ACCEPTED", "resource"),
    }
    assert all(r["duration_minutes"] == "60" and r["occurrence_end_utc"] == "2026-02-26 15:00:00"
               for r in by_start["2026-02-26 14:00:00"])
    assert all("Dana" not in value for r in rows for value in r.values())
    moved = {r["attendee_email"]: r for r in by_start["2026-03-12 15:00:00"]}
    assert {e: (r["duration_minutes"], r["exclusion_reason"]) for e, r in moved.items()} == {
        "dana@example.com": ("30", ""), "eli@example.com": ("30", "declined")}
    assert moved["dana@example.com"]["recurrence_id"] == "2026-03-12 13:00:00"
    assert moved["dana@example.com"]["categories"] == "AI coordination"
    assert regular["eli@example.com"]["categories"] == "AI coordination;Finance"
    assert len(by_start["2026-03-20 18:00:00"]) == 5 and len(by_start["2026-03-19 13:00:00"]) == 5


def test_all_day_zero_length_and_cancelled_are_kept_with_a_reason():
    rows = rows_of(SERIES)
    reasons = Counter((r["event_uid"], r["exclusion_reason"]) for r in rows
                      if r["event_uid"] != "agent-review-series@example.com")
    assert reasons == Counter({("offsite@example.com", "all_day"): 2, ("placeholder@example.com", "zero_length"): 1,
                               ("cancelled@example.com", "cancelled"): 1})


def test_time_zone_from_tzid_without_vtimezone_and_floating_times():
    text = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//t//EN
BEGIN:VEVENT
UID:paris@example.com
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Paris:20261020T100000
DTEND;TZID=Europe/Paris:20261020T110000
RRULE:FREQ=WEEKLY;COUNT=2
SUMMARY:Paris weekly
ORGANIZER:mailto:a@example.com
END:VEVENT
BEGIN:VEVENT
UID:floating@example.com
DTSTAMP:20260101T000000Z
DTSTART:20260601T090000
DURATION:PT45M
SUMMARY:Floating
ORGANIZER:mailto:a@example.com
END:VEVENT
END:VCALENDAR
"""
    rows = rows_of(text, calendar.Options(OPTIONS.window_start, OPTIONS.window_end,
                                          default_timezone=ZoneInfo("America/Los_Angeles")))
    starts = {(r["event_uid"], r["occurrence_start_utc"], r["duration_minutes"]) for r in rows}
    # Paris leaves CEST (UTC+2) on 25 October 2026; the floating time is read in Los Angeles (PDT, UTC-7)
    assert starts == {("paris@example.com", "2026-10-20 08:00:00", "60"),
                      ("paris@example.com", "2026-10-27 09:00:00", "60"),
                      ("floating@example.com", "2026-06-01 16:00:00", "45")}


def test_unparseable_file_and_event_are_rows_with_a_reason():
    assert [r["exclusion_reason"] for r in calendar.parse_ics(b"not a calendar", "bad.ics", OPTIONS)] == \
        ["unparseable_file"]
    text = SERIES.replace("DTSTART:20260403T150000Z", "DTSTART:tomorrow")
    rows = rows_of(text)
    assert [r["exclusion_reason"] for r in rows if r["event_uid"] == "cancelled@example.com"] == ["unparseable_event"]
    assert len([r for r in rows if r["event_uid"] == "agent-review-series@example.com"]) == 17  # the rest is kept


OUTLOOK = """Subject,Start Date,Start Time,End Date,End Time,All day event,Reminder on/off,Meeting Organizer,\
Required Attendees,Optional Attendees,Meeting Resources,Categories,Description,Location,Private,Sensitivity,Show time as
[DEC-2026-0007] Pricing alignment,3/9/2026,9:00:00 AM,3/9/2026,10:30:00 AM,False,True,Dana Chair <dana@example.com>,\
"Dana Chair <dana@example.com>; Eli Analyst <ELI@example.com>",fay@example.com,,AI coordination,,Room 4,False,Normal,2
Team lunch,3/10/2026,12:00:00 PM,3/10/2026,1:00:00 PM,False,False,Gus Director,Eli Analyst,,,,,,False,Normal,2
Quarter close,3/31/2026,12:00:00 AM,4/1/2026,12:00:00 AM,True,False,dana@example.com,eli@example.com,,,,,,False,Normal,2
Placeholder,3/12/2026,9:00:00 AM,3/12/2026,9:00:00 AM,False,False,dana@example.com,,,,,,,False,Normal,2
Broken,31.03.2026,9:00,31.03.2026,10:00,False,False,dana@example.com,,,,,,,False,Normal,2
"""


def test_outlook_csv():
    options = calendar.Options(OPTIONS.window_start, OPTIONS.window_end, outlook_timezone=ZoneInfo("America/New_York"))
    rows = calendar.parse_outlook_csv(OUTLOOK, "outlook.csv", options)
    first = [r for r in rows if r["source_row"] == "2"]
    assert [(r["attendee_email"], r["attendee_type"]) for r in first] == [
        ("dana@example.com", "organizer"), ("eli@example.com", "required"), ("fay@example.com", "optional")]
    # 9 March 2026 is after New York's DST change (8 March): 09:00 EDT = 13:00 UTC
    assert {(r["occurrence_start_utc"], r["duration_minutes"], r["exclusion_reason"]) for r in first} == {
        ("2026-03-09 13:00:00", "90", "")}
    assert first[0]["categories"] == "AI coordination" and first[0]["title"].startswith("[DEC-2026-0007]")
    lunch = [r for r in rows if r["source_row"] == "3"]
    assert [r["attendee_email"] for r in lunch] == ["gus director", "eli analyst"]  # no address: the text
    assert {r["source_row"]: r["exclusion_reason"] for r in rows if r["source_row"] in "456"} == {
        "4": "all_day", "5": "zero_length", "6": "unparseable_event"}


def test_outlook_csv_without_required_column_is_refused():
    try:
        calendar.parse_outlook_csv("Subject,Start Date\nx,1/1/2026\n", "x.csv", OPTIONS)
    except ValueError as error:
        assert "Start Time" in str(error) and "x.csv" in str(error)
    else:
        raise AssertionError("accepted a CSV without Outlook's columns")


def test_command_writes_one_flat_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "team.ics").write_text(SERIES.replace("\n", "\r\n"), encoding="utf-8")
    (tmp_path / "in" / "outlook.csv").write_text(OUTLOOK, encoding="utf-8")
    out = tmp_path / "out" / "calendar_attendance.csv"
    assert calendar.main([str(tmp_path / "in"), "--out", str(out), "--from", "2026-01-01", "--to", "2027-01-01",
                          "--outlook-timezone", "America/New_York"]) == 0
    header, *lines = out.read_text(encoding="utf-8").splitlines()
    assert header.split(",") == calendar.COLUMNS
    assert len(lines) == 21 + 9  # 17 series + 2 all-day + 1 zero-length + 1 cancelled; Outlook 3 + 2 + 2 + 1 + 1
    assert sum(1 for line in lines if not line.endswith(",")) == 15  # rows with an exclusion reason


def test_command_refuses_what_it_would_have_to_guess(tmp_path, capsys):
    """An Outlook CSV without a zone (its times carry none: UTC would shift every meeting), a folder
    with no export, an unknown zone and a reversed window are refused with a message, no traceback."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "outlook.csv").write_text(OUTLOOK, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    out = tmp_path / "calendar_attendance.csv"
    window = ["--out", str(out), "--from", "2026-01-01", "--to", "2027-01-01"]

    assert calendar.main([str(tmp_path / "in"), *window]) == 2
    assert "outlook.csv carries no time zone: say which with --outlook-timezone" in capsys.readouterr().err
    assert calendar.main([str(tmp_path / "empty"), *window]) == 2
    assert f"no calendar export (.ics or .csv file) in {tmp_path / 'empty'}" in capsys.readouterr().err
    assert not out.exists()
    for bad, message in ((["--outlook-timezone", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
                         (["--default-timezone", "America"], "unknown time zone 'America'"),
                         (["--from", "2027-01-01", "--to", "2026-01-01"], "--to (2026-01-01) must be after --from"),
                         (["--from", "31/12/2026"], "not a date (YYYY-MM-DD): '31/12/2026'")):
        with pytest.raises(SystemExit) as exit_:
            calendar.main([str(tmp_path / "in"), *window, *bad])
        assert exit_.value.code == 2
        assert message in capsys.readouterr().err
