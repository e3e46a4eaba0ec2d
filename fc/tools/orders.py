"""Orders: look up, list, cancel and re-address the customers' orders in the tools' world.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('lookup_order', {'order_id': 'O5002'}).content)"
"""

from __future__ import annotations

import json
from typing import Literal

from fc.tools import Example, tool
from fc.tools.world import current_world

DOMAIN = "orders"
STATEFUL = True

_OPEN = ("processing",)  # orders not yet handed to a carrier can still change


def _order(order_id: str) -> dict:
    row = current_world().query_one("SELECT * FROM orders WHERE id = ?", (order_id.strip().upper(),))
    if row is None:
        raise ValueError(f"No order with id {order_id!r}")
    return row


def _public(row: dict) -> dict:
    return {"order_id": row["id"], "customer_id": row["customer_id"], "status": row["status"],
            "placed_on": row["placed_on"], "items": json.loads(row["items"]), "total": row["total"],
            "currency": row["currency"], "shipping_address": row["shipping_address"],
            "carrier": row["carrier"], "tracking_number": row["tracking_number"]}


@tool(
    Example({"order_id": "O5002"}, {"order_id": "O5002", "status": "shipped", "tracking_number": "RM20958833"}),
    Example({"order_id": "O0000"}, error="No order with id 'O0000'"),
)
def lookup_order(order_id: str) -> dict:
    """Look up an order: its status, items, total, shipping address and tracking number.

    Args:
        order_id: The order id, e.g. "O5002".

    Returns:
        The order's fields; carrier and tracking_number are null until it ships.
    """
    return _public(_order(order_id))


@tool(
    Example({"customer_id": "C001"}, {"customer_id": "C001", "count": 2}),
    Example({"customer_id": "C004", "status": "processing"}, {"count": 1}),
)
def list_customer_orders(customer_id: str,
                         status: Literal["any", "processing", "shipped", "delivered", "cancelled"] = "any") -> dict:
    """List a customer's orders, newest first.

    Args:
        customer_id: The customer id, e.g. "C001".
        status: Only orders with this status; "any" lists all (default "any").

    Returns:
        The customer id, how many orders matched, and each order's id, status, date and total.
    """
    world = current_world()
    customer_id = customer_id.strip().upper()
    if world.query_one("SELECT id FROM customers WHERE id = ?", (customer_id,)) is None:
        raise ValueError(f"No customer with id {customer_id!r}")
    rows = world.query("SELECT id, status, placed_on, total, currency FROM orders "
                       "WHERE customer_id = ? AND (? = 'any' OR status = ?) ORDER BY placed_on DESC, id DESC",
                       (customer_id, status, status))
    return {"customer_id": customer_id, "count": len(rows),
            "orders": [{"order_id": r.pop("id"), **r} for r in rows]}


@tool(
    Example({"order_id": "O5003", "reason": "Found it cheaper elsewhere"},
            {"order_id": "O5003", "status": "cancelled"}),
    Example({"order_id": "O5002"}, error="already shipped"),
    Example({"order_id": "O5005"}, error="already cancelled"),
)
def cancel_customer_order(order_id: str, reason: str = "Requested by customer") -> dict:
    """Cancel an order that has not shipped yet.

    Args:
        order_id: The order id, e.g. "O5003".
        reason: Why the order is cancelled (default "Requested by customer").

    Returns:
        The order id, its new status and the reason recorded.
    """
    world = current_world()
    with world.transaction():
        row = _order(order_id)
        if row["status"] == "cancelled":
            raise ValueError(f"Order {row['id']} is already cancelled")
        if row["status"] not in _OPEN:
            raise ValueError(f"Order {row['id']} is already {row['status']} and can no longer be cancelled")
        world.execute("UPDATE orders SET status = 'cancelled', cancel_reason = ? WHERE id = ?", (reason, row["id"]))
    return {"order_id": row["id"], "status": "cancelled", "reason": reason}


@tool(
    Example({"order_id": "O5004", "new_address": "10 Queen Street, Melbourne"},
            {"order_id": "O5004", "shipping_address": "10 Queen Street, Melbourne"}),
    Example({"order_id": "O5001", "new_address": "1 Main St"}, error="already delivered"),
    Example({"order_id": "O5004", "new_address": "  "}, error="empty"),
)
def change_shipping_address(order_id: str, new_address: str) -> dict:
    """Change where an order that has not shipped yet will be delivered.

    Args:
        order_id: The order id, e.g. "O5004".
        new_address: The full new delivery address.

    Returns:
        The order id and its new shipping address.
    """
    address = " ".join(new_address.split())
    if not address:
        raise ValueError("new_address is empty")
    world = current_world()
    with world.transaction():
        row = _order(order_id)
        if row["status"] not in _OPEN:
            raise ValueError(f"Order {row['id']} is already {row['status']}; its address can no longer change")
        world.execute("UPDATE orders SET shipping_address = ? WHERE id = ?", (address, row["id"]))
    return {"order_id": row["id"], "status": row["status"], "shipping_address": address}
