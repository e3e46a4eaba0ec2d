"""Payments: look up, list and refund the customers' transactions in the tools' world.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('retrieve_payment_status', {'transaction_id': 'T1001'}).content)"
"""

from __future__ import annotations

from typing import Literal

from fc.tools import Example, tool
from fc.tools.world import current_world

DOMAIN = "payments"
STATEFUL = True


def _transaction(transaction_id: str) -> dict:
    row = current_world().query_one("SELECT * FROM transactions WHERE id = ?", (transaction_id.strip().upper(),))
    if row is None:
        raise ValueError(f"No transaction with id {transaction_id!r}")
    return row


@tool(
    Example({"transaction_id": "T1001"}, {"transaction_id": "T1001", "status": "Paid"}),
    Example({"transaction_id": "T1003"}, {"status": "Failed"}),
    Example({"transaction_id": "T9999"}, error="No transaction with id 'T9999'"),
)
def retrieve_payment_status(transaction_id: str) -> dict:
    """Get the payment status of a transaction.

    Args:
        transaction_id: The transaction id, e.g. "T1001".

    Returns:
        The transaction id and its status (Paid, Pending, Failed or Refunded).
    """
    row = _transaction(transaction_id)
    return {"transaction_id": row["id"], "status": row["status"]}


@tool(
    Example({"transaction_id": "T1002"}, {"transaction_id": "T1002", "date": "2025-05-28"}),
    Example({"transaction_id": "X"}, error="No transaction"),
)
def retrieve_payment_date(transaction_id: str) -> dict:
    """Get the date on which a transaction was made.

    Args:
        transaction_id: The transaction id, e.g. "T1002".

    Returns:
        The transaction id and its date (YYYY-MM-DD).
    """
    row = _transaction(transaction_id)
    return {"transaction_id": row["id"], "date": row["date"]}


@tool(
    Example({"transaction_id": "T1004"},
            {"transaction_id": "T1004", "amount": 310.0, "currency": "EUR", "method": "paypal"}),
)
def get_transaction_details(transaction_id: str) -> dict:
    """Get the full record of a transaction: amount, currency, status, date, payment method and what it paid for.

    Args:
        transaction_id: The transaction id, e.g. "T1004".

    Returns:
        The transaction's fields.
    """
    row = _transaction(transaction_id)
    return {"transaction_id": row["id"], "customer_id": row["customer_id"], "amount": row["amount"],
            "currency": row["currency"], "status": row["status"], "date": row["date"],
            "method": row["method"], "description": row["description"]}


@tool(
    Example({"transaction_id": "T1001", "reason": "Item arrived damaged"},
            {"transaction_id": "T1001", "status": "Refunded", "refunded_amount": 125.5}),
    Example({"transaction_id": "T1002"}, error="only Paid transactions can be refunded"),
    Example({"transaction_id": "T1005"}, error="already refunded"),
)
def refund_payment(transaction_id: str, reason: str = "Requested by customer") -> dict:
    """Refund a paid transaction in full.

    Args:
        transaction_id: The transaction id to refund, e.g. "T1001".
        reason: Why the payment is refunded (default "Requested by customer").

    Returns:
        The transaction id, its new status, the amount refunded and the refund date.
    """
    world = current_world()
    with world.transaction():
        row = _transaction(transaction_id)
        if row["status"] == "Refunded":
            raise ValueError(f"Transaction {row['id']} was already refunded on {row['refunded_on']}")
        if row["status"] != "Paid":
            raise ValueError(f"Transaction {row['id']} is {row['status']}: only Paid transactions can be refunded")
        today = world.today.isoformat()
        world.execute("UPDATE transactions SET status = 'Refunded', refund_reason = ?, refunded_on = ? WHERE id = ?",
                      (reason, today, row["id"]))
    return {"transaction_id": row["id"], "status": "Refunded", "refunded_amount": row["amount"],
            "currency": row["currency"], "refunded_on": today, "reason": reason}


@tool(
    Example({"customer_id": "C001"}, {"customer_id": "C001", "count": 2}),
    Example({"customer_id": "C002", "status": "Pending"}, {"count": 1}),
    Example({"customer_id": "C999"}, error="No customer with id 'C999'"),
)
def list_customer_transactions(customer_id: str,
                               status: Literal["any", "Paid", "Pending", "Failed", "Refunded"] = "any",
                               limit: int = 10) -> dict:
    """List a customer's transactions, newest first.

    Args:
        customer_id: The customer id, e.g. "C001".
        status: Only transactions with this status; "any" lists all (default "any").
        limit: The most transactions to return (default 10).

    Returns:
        The customer id, how many transactions matched, and the transactions.
    """
    world = current_world()
    customer = world.query_one("SELECT * FROM customers WHERE id = ?", (customer_id.strip().upper(),))
    if customer is None:
        raise ValueError(f"No customer with id {customer_id!r}")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    rows = world.query("SELECT id, amount, currency, status, date, description FROM transactions "
                       "WHERE customer_id = ? AND (? = 'any' OR status = ?) ORDER BY date DESC, id DESC",
                       (customer["id"], status, status))
    return {"customer_id": customer["id"], "customer_name": customer["name"], "count": len(rows),
            "transactions": [{"transaction_id": r.pop("id"), **r} for r in rows[:limit]]}
