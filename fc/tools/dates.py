"""Dates and time zones: differences, offsets, weekdays, leap years, ages, zone conversion (zoneinfo).

Also the date and time readers the calendar and booking tools share.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('convert_time_between_zones', {'time': '2025-06-02 09:00', 'from_zone': 'Europe/London', 'to_zone': 'Asia/Tokyo'}).content)"
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import zoneinfo

from fc.tools import Example, tool

DOMAIN = "dates"
STATEFUL = False

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def parse_date(text: str, field: str = "date") -> dt.date:
    """An ISO date (YYYY-MM-DD); ValueError naming the field otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"{field} must be a date written YYYY-MM-DD, got {text!r}") from None


def parse_clock(text: str, field: str = "time") -> dt.time:
    """A time of day written HH:MM (24-hour); ValueError naming the field otherwise."""
    try:
        hours, minutes = text.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        raise ValueError(f"{field} must be a time written HH:MM (24-hour), got {text!r}") from None


def parse_datetime(text: str, field: str = "time") -> dt.datetime:
    """A local date and time written "YYYY-MM-DD HH:MM" (or with a "T"); no offset."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"{field} must be a date and time written YYYY-MM-DD HH:MM, got {text!r}") from None
    if value.tzinfo is not None:
        raise ValueError(f"{field} must not carry a UTC offset (give the zone separately), got {text!r}")
    return value


@functools.lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def parse_zone(name: str, field: str = "zone") -> zoneinfo.ZoneInfo:
    """An IANA time zone ("Europe/Paris", "UTC"); ValueError suggesting close names otherwise."""
    name = name.strip()
    by_lower = {z.lower(): z for z in _zone_names()}
    if name.lower() in by_lower:
        return zoneinfo.ZoneInfo(by_lower[name.lower()])
    guess = name.replace(" ", "_").lower()
    similar = [by_lower[z] for z in difflib.get_close_matches(guess, list(by_lower), n=3, cutoff=0.6)]
    similar += [z for z in _zone_names() if z.lower().endswith("/" + guess) and z not in similar]
    hint = f"; did you mean {', '.join(similar[:3])}?" if similar else " (use an IANA name such as 'Europe/Paris')"
    raise ValueError(f"Unknown {field} {name!r}{hint}")


@tool(
    Example({"start_date": "2025-01-01", "end_date": "2025-03-01"}, {"days": 59, "weeks": 8.43}),
    Example({"start_date": "2025-03-01", "end_date": "2025-01-01"}, {"days": -59}),
    Example({"start_date": "2025-02-30", "end_date": "2025-03-01"}, error="start_date must be a date"),
)
def days_between_dates(start_date: str, end_date: str) -> dict:
    """Count the days from one date to another (negative when the end is earlier).

    Args:
        start_date: The first date, YYYY-MM-DD.
        end_date: The second date, YYYY-MM-DD.

    Returns:
        The number of days and the same span in weeks.
    """
    days = (parse_date(end_date, "end_date") - parse_date(start_date, "start_date")).days
    return {"start_date": start_date, "end_date": end_date, "days": days, "weeks": round(days / 7, 2)}


@tool(
    Example({"date": "2025-01-31", "days": 30}, {"result": "2025-03-02", "weekday": "Sunday"}),
    Example({"date": "2024-03-01", "days": -1}, {"result": "2024-02-29"}),
    Example({"date": "9999-12-31", "days": 1}, error="out of range"),
)
def add_days_to_date(date: str, days: int) -> dict:
    """Add (or, with a negative number, subtract) a number of days to a date.

    Args:
        date: The starting date, YYYY-MM-DD.
        days: How many days to add; negative to go back.

    Returns:
        The resulting date and its weekday.
    """
    start = parse_date(date)
    try:
        result = start + dt.timedelta(days=days)
    except OverflowError:
        raise ValueError(f"{date} plus {days} days is out of range (years 1 to 9999)") from None
    return {"date": date, "days": days, "result": result.isoformat(), "weekday": WEEKDAYS[result.weekday()]}


@tool(
    Example({"date": "2025-06-02"}, {"weekday": "Monday", "iso_week": 23, "day_of_year": 153}),
    Example({"date": "June 2"}, error="YYYY-MM-DD"),
)
def weekday_of_date(date: str) -> dict:
    """Tell which day of the week a date falls on, with its ISO week number and day of the year.

    Args:
        date: The date, YYYY-MM-DD.

    Returns:
        The weekday name, ISO week number and day of the year.
    """
    value = parse_date(date)
    return {"date": value.isoformat(), "weekday": WEEKDAYS[value.weekday()],
            "iso_week": value.isocalendar().week, "day_of_year": value.timetuple().tm_yday}


@tool(
    Example({"time": "2025-06-02 09:00", "from_zone": "Europe/London", "to_zone": "Asia/Tokyo"},
            {"converted": "2025-06-02 17:00", "to_utc_offset": "+09:00"}),
    Example({"time": "2025-01-15T23:30", "from_zone": "America/New_York", "to_zone": "UTC"},
            {"converted": "2025-01-16 04:30"}),
    Example({"time": "2025-06-02 09:00", "from_zone": "Europe/Londn", "to_zone": "UTC"},
            error="did you mean Europe/London"),
)
def convert_time_between_zones(time: str, from_zone: str, to_zone: str) -> dict:
    """Convert a local date and time from one time zone to another, with daylight saving time applied.

    Args:
        time: The local date and time in from_zone, "YYYY-MM-DD HH:MM".
        from_zone: The IANA time zone the time is in, e.g. "Europe/London".
        to_zone: The IANA time zone to convert to, e.g. "Asia/Tokyo".

    Returns:
        The converted local time and both zones' UTC offsets at that moment.
    """
    source, target = parse_zone(from_zone, "from_zone"), parse_zone(to_zone, "to_zone")
    local = parse_datetime(time).replace(tzinfo=source)
    converted = local.astimezone(target)

    def offset(value: dt.datetime) -> str:
        text = value.strftime("%z")
        return f"{text[:3]}:{text[3:]}"

    return {"time": local.strftime("%Y-%m-%d %H:%M"), "from_zone": source.key, "from_utc_offset": offset(local),
            "converted": converted.strftime("%Y-%m-%d %H:%M"), "to_zone": target.key,
            "to_utc_offset": offset(converted)}


@tool(
    Example({"year": 2024}, {"year": 2024, "is_leap_year": True, "days_in_year": 366}),
    Example({"year": 1900}, {"is_leap_year": False}),
    Example({"year": 0}, error="year must be between 1 and 9999"),
)
def check_leap_year(year: int) -> dict:
    """Tell whether a year of the Gregorian calendar is a leap year.

    Args:
        year: The year, e.g. 2024.

    Returns:
        Whether it is a leap year and how many days it has.
    """
    if not 1 <= year <= 9999:
        raise ValueError(f"year must be between 1 and 9999, got {year}")
    leap = calendar.isleap(year)
    return {"year": year, "is_leap_year": leap, "days_in_year": 366 if leap else 365}


@tool(
    Example({"birth_date": "1990-08-15", "on_date": "2025-06-02"},
            {"years": 34, "months": 9, "days": 18, "next_birthday": "2025-08-15"}),
    Example({"birth_date": "2000-02-29", "on_date": "2025-03-01"}, {"years": 25, "next_birthday": "2026-02-28"}),
    Example({"birth_date": "2030-01-01", "on_date": "2025-06-02"}, error="after on_date"),
)
def compute_age(birth_date: str, on_date: str) -> dict:
    """Compute someone's exact age in years, months and days on a given date.

    Args:
        birth_date: The date of birth, YYYY-MM-DD.
        on_date: The date on which to measure the age, YYYY-MM-DD.

    Returns:
        The age in years, months and days, and the date of the next birthday.
    """
    born, on = parse_date(birth_date, "birth_date"), parse_date(on_date, "on_date")
    if born > on:
        raise ValueError(f"birth_date {born} is after on_date {on}")
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    years, months = divmod(months, 12)
    anniversary = _same_day(born, born.year + years, months)
    days = (on - anniversary).days
    next_year = on.year if _same_day(born, on.year, 0) > on else on.year + 1
    return {"birth_date": birth_date, "on_date": on_date, "years": years, "months": months, "days": days,
            "next_birthday": _same_day(born, next_year, 0).isoformat()}


def _same_day(born: dt.date, year: int, months: int) -> dt.date:
    """The date `months` months after born's month and day in `year` (the day clamped: Feb 29 -> Feb 28)."""
    month_index = born.month - 1 + months
    year, month = year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(born.day, calendar.monthrange(year, month)[1]))
