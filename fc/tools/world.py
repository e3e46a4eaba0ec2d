"""The world the stateful tools act on: one SQLite database, created and seeded deterministically.

A World holds customers' payments, orders, a calendar, contacts, a product inventory, hotels
and room bookings. Every `open_world()` without a path is a fresh in-memory copy of the same
seed, so one chat session's refunds and bookings never leak into another's; `open_world(path)`
keeps a file (seeded when it is new). The seed's clock stands still at SEED_TODAY so that tool
results, and the corpus built from them, are the same on every machine and every day.

Stateful tool functions do not take the world as an argument (the model never sees it): they
read `current_world()`, which `fc.tools.run_tool` sets for the duration of a call.

    .venv/bin/python -c "from fc.tools.world import open_world; print(open_world().query('SELECT id, status FROM transactions'))"
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterator

SEED_TODAY = dt.date(2025, 6, 2)  # a Monday; "today" for every tool that needs one

SCHEMA = """
CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
CREATE TABLE transactions (
    id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id),
    amount REAL NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL, date TEXT NOT NULL,
    method TEXT NOT NULL, description TEXT NOT NULL,
    refund_reason TEXT, refunded_on TEXT);
CREATE TABLE orders (
    id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), status TEXT NOT NULL,
    placed_on TEXT NOT NULL, items TEXT NOT NULL, total REAL NOT NULL, currency TEXT NOT NULL,
    shipping_address TEXT NOT NULL, carrier TEXT, tracking_number TEXT, cancel_reason TEXT);
CREATE TABLE events (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT NOT NULL, start_time TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL, location TEXT NOT NULL);
CREATE TABLE contacts (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, phone TEXT NOT NULL,
    company TEXT NOT NULL);
CREATE TABLE products (
    sku TEXT PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL, price REAL NOT NULL,
    stock INTEGER NOT NULL, reorder_level INTEGER NOT NULL);
CREATE TABLE stock_movements (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sku TEXT NOT NULL REFERENCES products(sku),
    delta INTEGER NOT NULL, reason TEXT NOT NULL);
CREATE TABLE hotels (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL, nightly_rate REAL NOT NULL,
    currency TEXT NOT NULL, rooms INTEGER NOT NULL, max_guests INTEGER NOT NULL);
CREATE TABLE bookings (
    id TEXT PRIMARY KEY, hotel_id TEXT NOT NULL REFERENCES hotels(id), guest_name TEXT NOT NULL,
    check_in TEXT NOT NULL, check_out TEXT NOT NULL, guests INTEGER NOT NULL,
    status TEXT NOT NULL, total REAL NOT NULL);
"""

# The seed. Hand-written rather than drawn at random: a reader can see what
# "T1001" or "SKU-1002" is, and a test can name the expected answer.
SEED: dict[str, list[tuple]] = {
    "customers": [
        ("C001", "Alice Martin", "alice.martin@example.com"),
        ("C002", "Bob Chen", "bob.chen@example.com"),
        ("C003", "Carla Diaz", "carla.diaz@example.com"),
        ("C004", "David Okafor", "david.okafor@example.com"),
    ],
    "transactions": [
        ("T1001", "C001", 125.50, "USD", "Paid", "2025-05-20", "card", "Wireless headphones", None, None),
        ("T1002", "C002", 89.99, "USD", "Pending", "2025-05-28", "bank_transfer", "Annual subscription", None, None),
        ("T1003", "C003", 42.00, "EUR", "Failed", "2025-05-30", "card", "Concert ticket", None, None),
        ("T1004", "C001", 310.00, "EUR", "Paid", "2025-04-11", "paypal", "Hotel deposit", None, None),
        ("T1005", "C004", 19.99, "USD", "Refunded", "2025-03-02", "card", "E-book bundle",
         "Duplicate charge", "2025-03-05"),
        ("T1006", "C002", 64.25, "GBP", "Paid", "2025-05-31", "card", "Running shoes", None, None),
        ("T1007", "C003", 1500.00, "USD", "Pending", "2025-06-01", "bank_transfer", "Laptop", None, None),
        ("T1008", "C004", 7.50, "USD", "Paid", "2025-06-01", "wallet", "Coffee beans", None, None),
    ],
    "orders": [
        ("O5001", "C001", "delivered", "2025-05-10", '[{"sku": "SKU-1001", "quantity": 1}]', 125.50, "USD",
         "12 Rue de Rivoli, Paris", "DHL", "DHL4471902", None),
        ("O5002", "C002", "shipped", "2025-05-29", '[{"sku": "SKU-1004", "quantity": 2}]', 64.25, "GBP",
         "221B Baker Street, London", "Royal Mail", "RM20958833", None),
        ("O5003", "C003", "processing", "2025-06-01", '[{"sku": "SKU-1003", "quantity": 1}]', 1500.00, "USD",
         "742 Evergreen Terrace, Springfield", None, None, None),
        ("O5004", "C004", "processing", "2025-06-01",
         '[{"sku": "SKU-1006", "quantity": 3}, {"sku": "SKU-1002", "quantity": 1}]', 52.47, "USD",
         "5 Harbour Road, Sydney", None, None, None),
        ("O5005", "C001", "cancelled", "2025-04-02", '[{"sku": "SKU-1005", "quantity": 1}]', 39.90, "USD",
         "12 Rue de Rivoli, Paris", None, None, "Ordered by mistake"),
    ],
    "events": [
        ("E301", "Team stand-up", "2025-06-02", "09:30", 15, "Room 4B"),
        ("E302", "Dentist appointment", "2025-06-02", "14:00", 45, "Smile Dental, 8 High Street"),
        ("E303", "Project review", "2025-06-03", "11:00", 60, "Video call"),
        ("E304", "Lunch with Priya", "2025-06-04", "12:30", 90, "Cafe Lumen"),
        ("E305", "Quarterly planning", "2025-06-06", "10:00", 120, "Board room"),
    ],
    "contacts": [
        ("K101", "Priya Raman", "priya.raman@example.com", "+44 20 7946 0018", "Lumen Design"),
        ("K102", "Tom Becker", "tom.becker@example.com", "+49 30 901820", "Becker & Sohn"),
        ("K103", "Maria Rossi", "maria.rossi@example.com", "+39 06 6982 1234", "Rossi Imports"),
        ("K104", "Kenji Watanabe", "kenji.watanabe@example.com", "+81 3 5321 1111", "Nippon Robotics"),
        ("K105", "Tomasz Nowak", "tomasz.nowak@example.com", "+48 22 123 4567", "Lumen Design"),
    ],
    "products": [
        ("SKU-1001", "Wireless headphones", "electronics", 125.50, 14, 5),
        ("SKU-1002", "USB-C cable", "electronics", 9.99, 120, 30),
        ("SKU-1003", "Laptop 14-inch", "electronics", 1500.00, 3, 4),
        ("SKU-1004", "Running shoes", "sportswear", 32.125, 0, 6),
        ("SKU-1005", "Yoga mat", "sportswear", 39.90, 22, 5),
        ("SKU-1006", "Coffee beans 1kg", "grocery", 14.16, 40, 10),
        ("SKU-1007", "Green tea 100 bags", "grocery", 6.50, 2, 8),
        ("SKU-1008", "Desk lamp", "home", 45.00, 9, 3),
    ],
    "stock_movements": [],
    "hotels": [
        ("H01", "Harbour View Hotel", "Sydney", 210.00, "AUD", 3, 3),
        ("H02", "Le Petit Jardin", "Paris", 165.00, "EUR", 2, 2),
        ("H03", "Grand Central Inn", "New York", 289.00, "USD", 4, 4),
        ("H04", "Sakura Stay", "Tokyo", 18500.00, "JPY", 2, 2),
        ("H05", "Rive Gauche Suites", "Paris", 240.00, "EUR", 1, 4),
    ],
    "bookings": [
        ("B7001", "H02", "Alice Martin", "2025-06-10", "2025-06-13", 2, "confirmed", 495.00),
        ("B7002", "H05", "Bob Chen", "2025-06-12", "2025-06-14", 3, "confirmed", 480.00),
        ("B7003", "H03", "Carla Diaz", "2025-07-01", "2025-07-04", 1, "cancelled", 867.00),
    ],
}

_current: contextvars.ContextVar[World | None] = contextvars.ContextVar("fc_tools_world", default=None)


class World:
    """One SQLite database of the tools' world. Safe to share between threads (one lock)."""

    def __init__(self, connection: sqlite3.Connection, path: str | None = None):
        connection.row_factory = sqlite3.Row
        self._connection = connection
        self._lock = threading.RLock()
        self.path = path  # None for an in-memory world
        self.today = SEED_TODAY
        self._depth = 0  # how many transaction() blocks are open

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        """Rows of a SELECT as plain dicts."""
        with self._lock:
            return [dict(row) for row in self._connection.execute(sql, params).fetchall()]

    def query_one(self, sql: str, params: tuple | dict = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def execute(self, sql: str, params: tuple | dict = ()) -> int:
        """Run a write; returns the number of rows it changed. Commits unless inside transaction()."""
        with self._lock:
            cursor = self._connection.execute(sql, params)
            if self._depth == 0:
                self._connection.commit()
            return cursor.rowcount

    @contextlib.contextmanager
    def transaction(self) -> Iterator[World]:
        """Read-check-write as one unit: other threads wait, and a failure rolls everything back."""
        with self._lock:
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._connection.rollback()
                raise
            self._depth -= 1
            if self._depth == 0:
                self._connection.commit()

    def next_id(self, table: str, column: str, prefix: str) -> str:
        """The next free id of the form PREFIX + number (T1009 after T1008): readable and deterministic."""
        rows = self.query(f"SELECT {column} AS id FROM {table} WHERE {column} LIKE ?", (prefix + "%",))
        numbers = [int(r["id"][len(prefix):]) for r in rows if r["id"][len(prefix):].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1}"

    def copy(self) -> World:
        """An independent in-memory copy (what gr.State hands each new session)."""
        with self._lock:
            target = sqlite3.connect(":memory:", check_same_thread=False)
            self._connection.backup(target)
        return World(target)

    def __deepcopy__(self, memo: dict) -> World:
        return self.copy()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> World:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"World({self.path or ':memory:'})"


def seed_world(connection: sqlite3.Connection) -> None:
    """Create the tables and insert the seed rows."""
    connection.executescript(SCHEMA)
    for table, rows in SEED.items():
        for row in rows:
            marks = ", ".join("?" for _ in row)
            connection.execute(f"INSERT INTO {table} VALUES ({marks})", row)
    connection.commit()


def open_world(path: str | Path | None = None) -> World:
    """A seeded world: in memory when `path` is None (a fresh copy each call), else the SQLite
    file at `path`, created and seeded when it does not exist yet."""
    if path is None:
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        seed_world(connection)
        return World(connection)
    path = Path(path)
    is_new = not path.exists()
    connection = sqlite3.connect(str(path), check_same_thread=False)
    if is_new:
        seed_world(connection)
    else:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = set(SEED) - tables
        if missing:
            connection.close()
            raise ValueError(f"{path}: not a tools world database (missing tables: {', '.join(sorted(missing))})")
    return World(connection, str(path))


def current_world() -> World:
    """The world of the tool call in progress (set by fc.tools.run_tool or use_world)."""
    world = _current.get()
    if world is None:
        raise RuntimeError("no world is open for this tool call: call it through "
                           "fc.tools.run_tool(name, arguments, world=...) or inside `with use_world(world):`")
    return world


@contextlib.contextmanager
def use_world(world: World) -> Iterator[World]:
    """Make `world` the one stateful tools act on inside the block (per thread/task)."""
    token = _current.set(world)
    try:
        yield world
    finally:
        _current.reset(token)


__all__ = ["SEED", "SEED_TODAY", "World", "current_world", "open_world", "seed_world", "use_world"]
