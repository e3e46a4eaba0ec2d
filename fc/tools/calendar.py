"""Calendar: list, create and delete events, and find free time, in the tools' world.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('list_calendar_events', {'date': '2025-06-02'}).content)"
"""

from __future__ import annotations

import datetime as dt

from fc.tools import Example, tool
from fc.tools.dates import parse_clock, parse_date
from fc.tools.world import current_world

DOMAIN = "calendar"
STATEFUL = True


def _minutes(clock: dt.time) -> int:
    return clock.hour * 60 + clock.minute


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _events_on(day: dt.date) -> list[dict]:
    rows = current_world().query("SELECT * FROM events WHERE date = ? ORDER BY start_time, id", (day.isoformat(),))
    for row in rows:
        start = _minutes(parse_clock(row["start_time"]))
        row["end_time"] = _clock(min(start + row["duration_minutes"], 24 * 60 - 1))
    return [{"event_id": r.pop("id"), **r} for r in rows]


@tool(
    Example({"date": "2025-06-02"}, {"date": "2025-06-02", "count": 2}),
    Example({"date": "2025-06-05"}, {"count": 0, "events": []}),
    Example({"date": "tomorrow"}, error="date must be a date written YYYY-MM-DD"),
)
def list_calendar_events(date: str) -> dict:
    """List the events in the calendar on one day, in order of start time.

    Args:
        date: The day, YYYY-MM-DD.

    Returns:
        The day, how many events it has, and each event's id, title, start and end time and location.
    """
    day = parse_date(date)
    events = _events_on(day)
    return {"date": day.isoformat(), "count": len(events), "events": events}


@tool(
    Example({"title": "Call with Tom", "date": "2025-06-03", "start_time": "15:00"},
            {"event_id": "E306", "title": "Call with Tom", "end_time": "16:00", "conflicts": []}),
    Example({"title": "Review prep", "date": "2025-06-03", "start_time": "10:30", "duration_minutes": 45,
             "location": "Room 2"},
            {"event_id": "E306", "conflicts": ["E303"]}),
    Example({"title": "Late", "date": "2025-06-03", "start_time": "25:00"}, error="start_time must be a time"),
    Example({"title": "Zero", "date": "2025-06-03", "start_time": "10:00", "duration_minutes": 0},
            error="duration_minutes must be between 1 and 1440"),
)
def create_calendar_event(title: str, date: str, start_time: str, duration_minutes: int = 60,
                          location: str = "") -> dict:
    """Add an event to the calendar. Overlapping events are allowed but reported as conflicts.

    Args:
        title: What the event is, e.g. "Dentist appointment".
        date: The day of the event, YYYY-MM-DD.
        start_time: When it starts, HH:MM (24-hour).
        duration_minutes: How long it lasts in minutes (default 60).
        location: Where it takes place (default: no location).

    Returns:
        The new event with its id, and the ids of events it overlaps.
    """
    title = " ".join(title.split())
    if not title:
        raise ValueError("title is empty")
    day, start = parse_date(date), _minutes(parse_clock(start_time, "start_time"))
    if not 1 <= duration_minutes <= 24 * 60:
        raise ValueError(f"duration_minutes must be between 1 and 1440, got {duration_minutes}")
    end = start + duration_minutes
    world = current_world()
    with world.transaction():
        conflicts = [e["event_id"] for e in _events_on(day)
                     if _minutes(parse_clock(e["start_time"])) < end
                     and start < _minutes(parse_clock(e["start_time"])) + e["duration_minutes"]]
        event_id = world.next_id("events", "id", "E")
        world.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
                      (event_id, title, day.isoformat(), _clock(start), duration_minutes, location))
    return {"event_id": event_id, "title": title, "date": day.isoformat(), "start_time": _clock(start),
            "end_time": _clock(min(end, 24 * 60 - 1)), "duration_minutes": duration_minutes,
            "location": location, "conflicts": conflicts}


@tool(
    Example({"event_id": "E302"}, {"event_id": "E302", "deleted": True, "title": "Dentist appointment"}),
    Example({"event_id": "E999"}, error="No event with id 'E999'"),
)
def delete_calendar_event(event_id: str) -> dict:
    """Delete an event from the calendar.

    Args:
        event_id: The event id, e.g. "E302".

    Returns:
        The id, title and date of the deleted event.
    """
    world = current_world()
    with world.transaction():
        row = world.query_one("SELECT * FROM events WHERE id = ?", (event_id.strip().upper(),))
        if row is None:
            raise ValueError(f"No event with id {event_id!r}")
        world.execute("DELETE FROM events WHERE id = ?", (row["id"],))
    return {"event_id": row["id"], "deleted": True, "title": row["title"], "date": row["date"]}


@tool(
    Example({"date": "2025-06-02", "duration_minutes": 60},
            {"free_slots": [{"start": "09:45", "end": "14:00"}, {"start": "14:45", "end": "17:00"}]}),
    Example({"date": "2025-06-02", "duration_minutes": 30, "day_start": "08:00", "day_end": "10:00"},
            {"free_slots": [{"start": "08:00", "end": "09:30"}]}),
    Example({"date": "2025-06-02", "duration_minutes": 30, "day_start": "18:00", "day_end": "09:00"},
            error="day_end must be after day_start"),
)
def find_free_time(date: str, duration_minutes: int, day_start: str = "09:00", day_end: str = "17:00") -> dict:
    """Find the gaps between calendar events on a day that are long enough for a new meeting.

    Args:
        date: The day, YYYY-MM-DD.
        duration_minutes: The shortest gap worth reporting, in minutes.
        day_start: Start of the working day, HH:MM (default "09:00").
        day_end: End of the working day, HH:MM (default "17:00").

    Returns:
        The free slots (start and end times) of at least duration_minutes within the working day.
    """
    day = parse_date(date)
    opens, closes = _minutes(parse_clock(day_start, "day_start")), _minutes(parse_clock(day_end, "day_end"))
    if closes <= opens:
        raise ValueError(f"day_end must be after day_start, got {day_start} to {day_end}")
    if duration_minutes < 1:
        raise ValueError(f"duration_minutes must be at least 1, got {duration_minutes}")
    gaps, cursor = [], opens
    for event in _events_on(day):
        start = _minutes(parse_clock(event["start_time"]))
        gaps.append((cursor, min(start, closes)))
        cursor = max(cursor, start + event["duration_minutes"])
    gaps.append((cursor, closes))
    slots = [{"start": _clock(a), "end": _clock(b)} for a, b in gaps if b - a >= duration_minutes]
    return {"date": day.isoformat(), "duration_minutes": duration_minutes, "free_slots": slots}
