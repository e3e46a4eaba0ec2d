"""Currency conversion from a fixed table of exchange rates (no network: results are reproducible).

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('convert_money', {'amount': 250, 'from_currency': 'EUR', 'to_currency': 'JPY'}).content)"
"""

from __future__ import annotations

import math
from typing import Literal

from fc.tools import Example, tool

DOMAIN = "currency"
STATEFUL = False

RATES_DATE = "2025-06-02"  # the day the table stands for; it never changes, so answers never drift
# Units of each currency one US dollar buys.
UNITS_PER_USD = {
    "USD": 1.0, "EUR": 0.88, "GBP": 0.74, "JPY": 143.5, "CHF": 0.82, "CAD": 1.37, "AUD": 1.55,
    "NZD": 1.67, "CNY": 7.19, "INR": 85.6, "MXN": 19.2, "BRL": 5.66, "SEK": 9.6, "NOK": 10.1,
    "KRW": 1375.0, "SGD": 1.29, "ZAR": 17.9,
}
# Currencies whose smallest unit is the whole unit: amounts round to 0 decimals, not 2.
NO_DECIMALS = {"JPY", "KRW"}

Currency = Literal["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "INR", "MXN", "BRL", "SEK",
                   "NOK", "KRW", "SGD", "ZAR"]


def rate(from_currency: str, to_currency: str) -> float:
    """Units of to_currency one unit of from_currency buys."""
    for field, code in (("from_currency", from_currency), ("to_currency", to_currency)):
        if code not in UNITS_PER_USD:
            raise ValueError(f"{field} {code!r} is not a supported currency ({', '.join(UNITS_PER_USD)})")
    return UNITS_PER_USD[to_currency] / UNITS_PER_USD[from_currency]


@tool(
    Example({"amount": 100.0, "from_currency": "USD", "to_currency": "EUR"}, {"converted": 88.0, "rate": 0.88}),
    Example({"amount": 250.0, "from_currency": "EUR", "to_currency": "JPY"}, {"converted": 40767.0}),
    Example({"amount": -5.0, "from_currency": "USD", "to_currency": "EUR"}, error="amount must not be negative"),
    Example({"amount": 5.0, "from_currency": "usd", "to_currency": "EUR"}, error="must be one of"),
)
def convert_money(amount: float, from_currency: Currency, to_currency: Currency) -> dict:
    """Convert an amount of money from one currency to another at the day's fixed exchange rate.

    Args:
        amount: The amount of money to convert.
        from_currency: ISO 4217 code of the currency the amount is in, e.g. "USD".
        to_currency: ISO 4217 code of the currency to convert to, e.g. "EUR".

    Returns:
        The converted amount (rounded to the currency's smallest unit), the rate used and its date.
    """
    if amount < 0:
        raise ValueError(f"amount must not be negative, got {amount}")
    factor = rate(from_currency, to_currency)
    converted = amount * factor
    if not math.isfinite(converted):
        raise ValueError(f"{amount} is too large to convert")
    digits = 0 if to_currency in NO_DECIMALS else 2
    return {"amount": amount, "from_currency": from_currency, "converted": round(converted, digits),
            "to_currency": to_currency, "rate": round(factor, 6), "rates_date": RATES_DATE}


@tool(
    Example({"base_currency": "GBP", "quote_currency": "USD"}, {"rate": 1.351351, "inverse_rate": 0.74}),
    Example({"base_currency": "GBP", "quote_currency": "XYZ"}, error="must be one of"),
)
def lookup_exchange_rate(base_currency: Currency, quote_currency: Currency) -> dict:
    """Look up the fixed exchange rate between two currencies: how much quote_currency one unit of base_currency buys.

    Args:
        base_currency: ISO 4217 code of the currency being priced, e.g. "GBP".
        quote_currency: ISO 4217 code of the currency the price is given in, e.g. "USD".

    Returns:
        The rate, its inverse, and the date the rates stand for.
    """
    return {"base_currency": base_currency, "quote_currency": quote_currency,
            "rate": round(rate(base_currency, quote_currency), 6),
            "inverse_rate": round(rate(quote_currency, base_currency), 6), "rates_date": RATES_DATE}
