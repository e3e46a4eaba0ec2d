"""Bookings: search hotel rooms, and make, look up and cancel room bookings in the tools' world.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('search_hotel_rooms', {'city': 'Paris', 'check_in': '2025-06-12', 'check_out': '2025-06-14'}).content)"
"""

from __future__ import annotations

import datetime as dt

from fc.tools import Example, tool
from fc.tools.dates import parse_date
from fc.tools.world import World, current_world

DOMAIN = "bookings"
STATEFUL = True

MAX_NIGHTS = 30  # longer stays are not hotel bookings; also bounds the work of a search


def _stay(world: World, check_in: str, check_out: str) -> tuple[dt.date, dt.date, int]:
    arrive, leave = parse_date(check_in, "check_in"), parse_date(check_out, "check_out")
    if arrive < world.today:
        raise ValueError(f"check_in {arrive} is in the past (today is {world.today})")
    nights = (leave - arrive).days
    if not 1 <= nights <= MAX_NIGHTS:
        raise ValueError(f"check_out must be 1 to {MAX_NIGHTS} nights after check_in, got {nights} nights")
    return arrive, leave, nights


def _rooms_left(world: World, hotel: dict, arrive: dt.date, leave: dt.date) -> int:
    taken = world.query_one("SELECT count(*) AS n FROM bookings WHERE hotel_id = ? AND status = 'confirmed' "
                            "AND check_in < ? AND ? < check_out",
                            (hotel["id"], leave.isoformat(), arrive.isoformat()))["n"]
    return hotel["rooms"] - taken


def _booking(booking_id: str) -> dict:
    row = current_world().query_one(
        "SELECT b.*, h.name AS hotel_name, h.city, h.currency FROM bookings b JOIN hotels h ON h.id = b.hotel_id "
        "WHERE b.id = ?", (booking_id.strip().upper(),))
    if row is None:
        raise ValueError(f"No booking with id {booking_id!r}")
    return {"booking_id": row["id"], "hotel_id": row["hotel_id"], "hotel_name": row["hotel_name"],
            "city": row["city"], "guest_name": row["guest_name"], "check_in": row["check_in"],
            "check_out": row["check_out"], "guests": row["guests"], "status": row["status"],
            "total": row["total"], "currency": row["currency"]}


@tool(
    Example({"city": "Paris", "check_in": "2025-06-12", "check_out": "2025-06-14"},
            {"count": 1, "hotels": [{"hotel_id": "H02", "name": "Le Petit Jardin", "nightly_rate": 165.0,
                                     "currency": "EUR", "rooms_left": 1, "total": 330.0}]}),
    Example({"city": "paris", "check_in": "2025-06-20", "check_out": "2025-06-21", "guests": 3}, {"count": 1}),
    Example({"city": "Atlantis", "check_in": "2025-06-20", "check_out": "2025-06-21"}, error="No hotels in 'Atlantis'"),
    Example({"city": "Paris", "check_in": "2025-06-14", "check_out": "2025-06-12"}, error="check_out must be"),
)
def search_hotel_rooms(city: str, check_in: str, check_out: str, guests: int = 2) -> dict:
    """Find hotels in a city with a room free for the whole stay, cheapest first.

    Args:
        city: The city to stay in, e.g. "Paris".
        check_in: The arrival date, YYYY-MM-DD.
        check_out: The departure date, YYYY-MM-DD.
        guests: How many people share the room (default 2).

    Returns:
        Each available hotel's id, name, nightly rate, rooms left and the total price of the stay.
    """
    world = current_world()
    arrive, leave, nights = _stay(world, check_in, check_out)
    hotels = world.query("SELECT * FROM hotels WHERE lower(city) = ? ORDER BY nightly_rate, id",
                         (city.strip().lower(),))
    if not hotels:
        cities = [r["city"] for r in world.query("SELECT DISTINCT city FROM hotels ORDER BY city")]
        raise ValueError(f"No hotels in {city!r}; cities with hotels: {', '.join(cities)}")
    found = []
    for hotel in hotels:
        left = _rooms_left(world, hotel, arrive, leave)
        if left > 0 and guests <= hotel["max_guests"]:
            found.append({"hotel_id": hotel["id"], "name": hotel["name"], "nightly_rate": hotel["nightly_rate"],
                          "currency": hotel["currency"], "rooms_left": left,
                          "total": round(hotel["nightly_rate"] * nights, 2)})
    return {"city": hotels[0]["city"], "check_in": check_in, "check_out": check_out, "nights": nights,
            "guests": guests, "count": len(found), "hotels": found}


@tool(
    Example({"hotel_id": "H01", "guest_name": "Alice Martin", "check_in": "2025-07-01", "check_out": "2025-07-04"},
            {"booking_id": "B7004", "status": "confirmed", "total": 630.0, "currency": "AUD", "guests": 2}),
    Example({"hotel_id": "H05", "guest_name": "Eve Adams", "check_in": "2025-06-13", "check_out": "2025-06-15",
             "guests": 1}, error="no room free"),
    Example({"hotel_id": "H09", "guest_name": "Eve Adams", "check_in": "2025-07-01", "check_out": "2025-07-02"},
            error="No hotel with id 'H09'"),
    Example({"hotel_id": "H02", "guest_name": "Eve Adams", "check_in": "2025-07-01", "check_out": "2025-07-02",
             "guests": 5}, error="at most 2 guests"),
)
def create_room_booking(hotel_id: str, guest_name: str, check_in: str, check_out: str, guests: int = 2) -> dict:
    """Book a hotel room for a stay.

    Args:
        hotel_id: The hotel id, as given by search_hotel_rooms, e.g. "H02".
        guest_name: The name the booking is made under.
        check_in: The arrival date, YYYY-MM-DD.
        check_out: The departure date, YYYY-MM-DD.
        guests: How many people share the room (default 2).

    Returns:
        The new booking with its id, status and total price.
    """
    name = " ".join(guest_name.split())
    if not name:
        raise ValueError("guest_name is empty")
    world = current_world()
    with world.transaction():
        hotel = world.query_one("SELECT * FROM hotels WHERE id = ?", (hotel_id.strip().upper(),))
        if hotel is None:
            raise ValueError(f"No hotel with id {hotel_id!r}")
        arrive, leave, nights = _stay(world, check_in, check_out)
        if not 1 <= guests <= hotel["max_guests"]:
            raise ValueError(f"{hotel['name']} takes 1 to at most {hotel['max_guests']} guests per room, got {guests}")
        if _rooms_left(world, hotel, arrive, leave) < 1:
            raise ValueError(f"{hotel['name']} has no room free from {arrive} to {leave}")
        booking_id = world.next_id("bookings", "id", "B")
        total = round(hotel["nightly_rate"] * nights, 2)
        world.execute("INSERT INTO bookings VALUES (?, ?, ?, ?, ?, ?, 'confirmed', ?)",
                      (booking_id, hotel["id"], name, arrive.isoformat(), leave.isoformat(), guests, total))
    return _booking(booking_id)


@tool(
    Example({"booking_id": "B7001"}, {"booking_id": "B7001", "hotel_name": "Le Petit Jardin", "status": "confirmed",
                                      "check_in": "2025-06-10", "guests": 2}),
    Example({"booking_id": "B0001"}, error="No booking with id 'B0001'"),
)
def get_room_booking(booking_id: str) -> dict:
    """Look up a hotel booking: hotel, guest, dates, guests, status and price.

    Args:
        booking_id: The booking id, e.g. "B7001".

    Returns:
        The booking's fields.
    """
    return _booking(booking_id)


@tool(
    Example({"booking_id": "B7002"}, {"booking_id": "B7002", "status": "cancelled"}),
    Example({"booking_id": "B7003"}, error="already cancelled"),
)
def cancel_room_booking(booking_id: str) -> dict:
    """Cancel a confirmed hotel booking, freeing its room.

    Args:
        booking_id: The booking id, e.g. "B7002".

    Returns:
        The booking with its new status.
    """
    world = current_world()
    with world.transaction():
        booking = _booking(booking_id)
        if booking["status"] == "cancelled":
            raise ValueError(f"Booking {booking['booking_id']} is already cancelled")
        world.execute("UPDATE bookings SET status = 'cancelled' WHERE id = ?", (booking["booking_id"],))
    return {**booking, "status": "cancelled"}
