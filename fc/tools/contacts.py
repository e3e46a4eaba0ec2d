"""Contacts: search, add and update entries of the address book in the tools' world.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('search_contacts', {'query': 'Lumen'}).content)"
"""

from __future__ import annotations

import re

from fc.tools import Example, tool
from fc.tools.world import current_world

DOMAIN = "contacts"
STATEFUL = True

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{4,24}$")


def _check_email(email: str) -> str:
    email = email.strip()
    if not _EMAIL.match(email):
        raise ValueError(f"email {email!r} is not an email address")
    return email


def _check_phone(phone: str) -> str:
    phone = phone.strip()
    if not _PHONE.match(phone):
        raise ValueError(f"phone {phone!r} is not a phone number (digits, spaces and + ( ) . - only)")
    return phone


def _public(row: dict) -> dict:
    return {"contact_id": row["id"], "name": row["name"], "email": row["email"], "phone": row["phone"],
            "company": row["company"]}


@tool(
    Example({"query": "Lumen"}, {"count": 2}),
    Example({"query": "kenji"}, {"count": 1, "contacts": [{"contact_id": "K104", "name": "Kenji Watanabe",
                                                         "email": "kenji.watanabe@example.com",
                                                         "phone": "+81 3 5321 1111",
                                                         "company": "Nippon Robotics"}]}),
    Example({"query": "Tom", "limit": 1}, {"count": 2, "contacts": [{"contact_id": "K102", "name": "Tom Becker",
                                                                  "email": "tom.becker@example.com",
                                                                  "phone": "+49 30 901820",
                                                                  "company": "Becker & Sohn"}]}),
    Example({"query": " "}, error="query is empty"),
)
def search_contacts(query: str, limit: int = 5) -> dict:
    """Search the address book by name, email, phone number or company (case-insensitive, partial matches).

    Args:
        query: Text to look for, e.g. a first name or a company.
        limit: The most contacts to return (default 5).

    Returns:
        How many contacts matched, and the first `limit` of them.
    """
    text = query.strip().lower()
    if not text:
        raise ValueError("query is empty")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    pattern = f"%{text}%"
    rows = current_world().query(
        "SELECT * FROM contacts WHERE lower(name) LIKE ? OR lower(email) LIKE ? OR phone LIKE ? "
        "OR lower(company) LIKE ? ORDER BY name", (pattern, pattern, pattern, pattern))
    return {"query": query, "count": len(rows), "contacts": [_public(r) for r in rows[:limit]]}


@tool(
    Example({"name": "Lena Fischer", "email": "lena.fischer@example.com"},
            {"contact_id": "K106", "name": "Lena Fischer", "phone": "", "company": ""}),
    Example({"name": "Ana Costa", "email": "ana@example.com", "phone": "+351 21 000 1234", "company": "Costa Lda"},
            {"contact_id": "K106", "company": "Costa Lda"}),
    Example({"name": "Priya R", "email": "priya.raman@example.com"}, error="already belongs to K101"),
    Example({"name": "No Mail", "email": "not-an-email"}, error="is not an email address"),
)
def create_contact(name: str, email: str, phone: str = "", company: str = "") -> dict:
    """Add a person to the address book. Email addresses must be unique.

    Args:
        name: The person's full name.
        email: Their email address.
        phone: Their phone number, international format preferred (default: none).
        company: The company they work for (default: none).

    Returns:
        The new contact with its id.
    """
    name = " ".join(name.split())
    if not name:
        raise ValueError("name is empty")
    email = _check_email(email)
    phone = _check_phone(phone) if phone.strip() else ""
    world = current_world()
    with world.transaction():
        owner = world.query_one("SELECT id FROM contacts WHERE lower(email) = ?", (email.lower(),))
        if owner is not None:
            raise ValueError(f"email {email} already belongs to {owner['id']}")
        contact_id = world.next_id("contacts", "id", "K")
        world.execute("INSERT INTO contacts VALUES (?, ?, ?, ?, ?)", (contact_id, name, email, phone, company.strip()))
    return {"contact_id": contact_id, "name": name, "email": email, "phone": phone, "company": company.strip()}


@tool(
    Example({"contact_id": "K102", "phone": "+49 30 555 0101"},
            {"contact_id": "K102", "phone": "+49 30 555 0101", "email": "tom.becker@example.com",
             "updated": ["phone"]}),
    Example({"contact_id": "K103", "email": "m.rossi@example.org", "company": "Rossi Group"},
            {"updated": ["email", "company"]}),
    Example({"contact_id": "K103"}, error="nothing to update"),
    Example({"contact_id": "K900", "phone": "+1 555 0100"}, error="No contact with id 'K900'"),
)
def update_contact(contact_id: str, email: str = "", phone: str = "", company: str = "") -> dict:
    """Change a contact's email, phone number or company; fields left empty keep their value.

    Args:
        contact_id: The contact id, e.g. "K102".
        email: The new email address (default: unchanged).
        phone: The new phone number (default: unchanged).
        company: The new company (default: unchanged).

    Returns:
        The contact after the change, and which fields changed.
    """
    changes = {}
    if email.strip():
        changes["email"] = _check_email(email)
    if phone.strip():
        changes["phone"] = _check_phone(phone)
    if company.strip():
        changes["company"] = company.strip()
    if not changes:
        raise ValueError("nothing to update: give an email, phone or company")
    world = current_world()
    with world.transaction():
        row = world.query_one("SELECT * FROM contacts WHERE id = ?", (contact_id.strip().upper(),))
        if row is None:
            raise ValueError(f"No contact with id {contact_id!r}")
        for column, value in changes.items():  # column names come from the fixed keys above
            world.execute(f"UPDATE contacts SET {column} = ? WHERE id = ?", (value, row["id"]))
        row.update(changes)
    return {**_public(row), "updated": list(changes)}
