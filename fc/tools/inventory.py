"""Inventory: stock levels, stock adjustments and the product catalogue in the tools' world.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('check_stock_level', {'sku': 'SKU-1003'}).content)"
"""

from __future__ import annotations

from typing import Literal

from fc.tools import Example, tool
from fc.tools.world import current_world

DOMAIN = "inventory"
STATEFUL = True


def _product(sku: str) -> dict:
    row = current_world().query_one("SELECT * FROM products WHERE sku = ?", (sku.strip().upper(),))
    if row is None:
        raise ValueError(f"No product with SKU {sku!r}")
    return row


def _level(row: dict) -> dict:
    stock = row["stock"]
    state = "out_of_stock" if stock == 0 else "low" if stock <= row["reorder_level"] else "ok"
    return {"sku": row["sku"], "name": row["name"], "stock": stock, "reorder_level": row["reorder_level"],
            "state": state}


@tool(
    Example({"sku": "SKU-1003"}, {"sku": "SKU-1003", "stock": 3, "state": "low"}),
    Example({"sku": "sku-1004"}, {"sku": "SKU-1004", "stock": 0, "state": "out_of_stock"}),
    Example({"sku": "SKU-0000"}, error="No product with SKU 'SKU-0000'"),
)
def check_stock_level(sku: str) -> dict:
    """Check how many units of a product are in stock, and whether it needs reordering.

    Args:
        sku: The product's stock-keeping unit, e.g. "SKU-1003".

    Returns:
        The product, units in stock, its reorder level and a state: ok, low or out_of_stock.
    """
    return _level(_product(sku))


@tool(
    Example({"sku": "SKU-1002", "change": -20, "reason": "Shipped to store 12"},
            {"sku": "SKU-1002", "previous_stock": 120, "stock": 100, "state": "ok"}),
    Example({"sku": "SKU-1004", "change": 12, "reason": "Delivery from supplier"}, {"stock": 12}),
    Example({"sku": "SKU-1007", "change": -5, "reason": "Sale"}, error="only 2 in stock"),
    Example({"sku": "SKU-1007", "change": 0, "reason": "Count"}, error="change must not be 0"),
)
def adjust_stock_level(sku: str, change: int, reason: str) -> dict:
    """Add units to stock (a delivery) or remove them (a sale, damage, a transfer).

    Args:
        sku: The product's stock-keeping unit, e.g. "SKU-1002".
        change: Units to add (positive) or remove (negative).
        reason: Why the stock changes, e.g. "Delivery from supplier".

    Returns:
        The product's stock before and after the change and its new state.
    """
    if change == 0:
        raise ValueError("change must not be 0")
    world = current_world()
    with world.transaction():
        row = _product(sku)
        if row["stock"] + change < 0:
            raise ValueError(f"Cannot remove {-change} units of {row['sku']}: only {row['stock']} in stock")
        world.execute("UPDATE products SET stock = stock + ? WHERE sku = ?", (change, row["sku"]))
        world.execute("INSERT INTO stock_movements (sku, delta, reason) VALUES (?, ?, ?)",
                      (row["sku"], change, reason))
        after = _product(row["sku"])
    return {**_level(after), "previous_stock": row["stock"], "change": change, "reason": reason}


@tool(
    Example({"query": "coffee"}, {"count": 1, "products": [{"sku": "SKU-1006", "name": "Coffee beans 1kg",
                                                            "category": "grocery", "price": 14.16, "stock": 40}]}),
    Example({"query": "", "category": "sportswear", "in_stock_only": True}, {"count": 1}),
    Example({"query": "", "max_price": 10.0}, {"count": 2}),
    Example({"query": "", "max_price": -1.0}, error="max_price must not be negative"),
)
def search_product_catalog(query: str,
                           category: Literal["any", "electronics", "sportswear", "grocery", "home"] = "any",
                           max_price: float = 0.0, in_stock_only: bool = False) -> dict:
    """Search the product catalogue by name, with optional filters.

    Args:
        query: Words the product name contains; empty matches every product.
        category: Only products of this category; "any" for all (default "any").
        max_price: Only products costing at most this much; 0 means no limit (default 0).
        in_stock_only: Leave out products with no stock (default false).

    Returns:
        How many products matched and each one's SKU, name, category, price and stock, cheapest first.
    """
    if max_price < 0:
        raise ValueError(f"max_price must not be negative, got {max_price}")
    rows = current_world().query("SELECT sku, name, category, price, stock FROM products ORDER BY price, sku")
    words = query.lower().split()
    found = [r for r in rows
             if all(w in r["name"].lower() for w in words)
             and category in ("any", r["category"])
             and (max_price == 0 or r["price"] <= max_price)
             and (r["stock"] > 0 or not in_stock_only)]
    return {"query": query, "count": len(found), "products": found}


@tool(
    Example({}, {"count": 3}),
    Example({"include_out_of_stock": False}, {"count": 2}),
)
def list_low_stock_items(include_out_of_stock: bool = True) -> dict:
    """List the products whose stock is at or below their reorder level, i.e. the ones to reorder.

    Args:
        include_out_of_stock: Also list products with no stock at all (default true).

    Returns:
        How many products need reordering, and each one's stock level.
    """
    rows = current_world().query("SELECT * FROM products WHERE stock <= reorder_level ORDER BY stock, sku")
    items = [_level(r) for r in rows if include_out_of_stock or r["stock"] > 0]
    return {"count": len(items), "items": items}
