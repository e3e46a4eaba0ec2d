"""Unit conversion from fixed tables: length, mass, temperature, volume and speed.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('convert_length', {'value': 5, 'from_unit': 'km', 'to_unit': 'mi'}).content)"
"""

from __future__ import annotations

import math
from typing import Literal

from fc.tools import Example, tool
from fc.tools.math import tidy

DOMAIN = "units"
STATEFUL = False

# Each table gives one unit in the quantity's base unit (exact definitions where they exist).
LENGTH_IN_METRES = {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0, "in": 0.0254, "ft": 0.3048,
                    "yd": 0.9144, "mi": 1609.344, "nmi": 1852.0}
MASS_IN_GRAMS = {"mg": 0.001, "g": 1.0, "kg": 1000.0, "t": 1_000_000.0, "oz": 28.349523125,
                 "lb": 453.59237, "st": 6350.29318}
VOLUME_IN_MILLILITRES = {"ml": 1.0, "l": 1000.0, "m3": 1_000_000.0, "tsp": 4.92892159375,  # US customary
                         "tbsp": 14.78676478125, "fl_oz": 29.5735295625, "cup": 236.5882365,
                         "pt": 473.176473, "qt": 946.352946, "gal": 3785.411784}
SPEED_IN_METRES_PER_SECOND = {"m/s": 1.0, "km/h": 1 / 3.6, "mph": 0.44704, "knot": 1852 / 3600, "ft/s": 0.3048}

LengthUnit = Literal["mm", "cm", "m", "km", "in", "ft", "yd", "mi", "nmi"]
MassUnit = Literal["mg", "g", "kg", "t", "oz", "lb", "st"]
VolumeUnit = Literal["ml", "l", "m3", "tsp", "tbsp", "fl_oz", "cup", "pt", "qt", "gal"]
SpeedUnit = Literal["m/s", "km/h", "mph", "knot", "ft/s"]
TemperatureUnit = Literal["celsius", "fahrenheit", "kelvin"]


def convert(value: float, from_unit: str, to_unit: str, table: dict[str, float]) -> dict:
    """`value` in from_unit expressed in to_unit, both keys of a table of base-unit factors."""
    for field, unit in (("from_unit", from_unit), ("to_unit", to_unit)):
        if unit not in table:
            raise ValueError(f"{field} {unit!r} is not one of {', '.join(table)}")
    result = value * table[from_unit] / table[to_unit]
    if not math.isfinite(result):
        raise ValueError(f"{value} {from_unit} is too large to convert")
    return {"value": value, "from_unit": from_unit, "result": tidy(result, 10), "to_unit": to_unit}


@tool(
    Example({"value": 5.0, "from_unit": "km", "to_unit": "mi"}, {"result": 3.106855961, "to_unit": "mi"}),
    Example({"value": 6.0, "from_unit": "ft", "to_unit": "cm"}, {"result": 182.88}),
    Example({"value": 1.0, "from_unit": "km", "to_unit": "miles"}, error="must be one of"),
)
def convert_length(value: float, from_unit: LengthUnit, to_unit: LengthUnit) -> dict:
    """Convert a length or distance between metric and imperial units.

    Args:
        value: The length to convert.
        from_unit: The unit of value: mm, cm, m, km, in (inch), ft (foot), yd (yard), mi (mile) or nmi (nautical mile).
        to_unit: The unit to convert to (same choices as from_unit).

    Returns:
        The converted value and its unit.
    """
    return convert(value, from_unit, to_unit, LENGTH_IN_METRES)


@tool(
    Example({"value": 70.0, "from_unit": "kg", "to_unit": "lb"}, {"result": 154.3235835}),
    Example({"value": 12.0, "from_unit": "st", "to_unit": "kg"}, {"result": 76.20351816}),
)
def convert_mass(value: float, from_unit: MassUnit, to_unit: MassUnit) -> dict:
    """Convert a mass or weight between metric and imperial units.

    Args:
        value: The mass to convert.
        from_unit: The unit of value: mg, g, kg, t (metric tonne), oz (ounce), lb (pound) or st (stone).
        to_unit: The unit to convert to (same choices as from_unit).

    Returns:
        The converted value and its unit.
    """
    return convert(value, from_unit, to_unit, MASS_IN_GRAMS)


@tool(
    Example({"value": 100.0, "from_unit": "celsius", "to_unit": "fahrenheit"}, {"result": 212.0}),
    Example({"value": -40.0, "from_unit": "fahrenheit", "to_unit": "celsius"}, {"result": -40.0}),
    Example({"value": 0.0, "from_unit": "kelvin", "to_unit": "celsius"}, {"result": -273.15}),
    Example({"value": -300.0, "from_unit": "celsius", "to_unit": "kelvin"}, error="below absolute zero"),
)
def convert_temperature(value: float, from_unit: TemperatureUnit, to_unit: TemperatureUnit) -> dict:
    """Convert a temperature between Celsius, Fahrenheit and Kelvin.

    Args:
        value: The temperature to convert.
        from_unit: The scale of value: celsius, fahrenheit or kelvin.
        to_unit: The scale to convert to (same choices as from_unit).

    Returns:
        The converted temperature and its scale.
    """
    to_kelvin = {"celsius": lambda v: v + 273.15, "fahrenheit": lambda v: (v - 32) * 5 / 9 + 273.15,
                 "kelvin": lambda v: v}
    from_kelvin = {"celsius": lambda k: k - 273.15, "fahrenheit": lambda k: (k - 273.15) * 9 / 5 + 32,
                   "kelvin": lambda k: k}
    kelvin = to_kelvin[from_unit](value)
    if kelvin < 0:
        raise ValueError(f"{value} {from_unit} is below absolute zero")
    return {"value": value, "from_unit": from_unit, "result": tidy(from_kelvin[to_unit](kelvin), 10),
            "to_unit": to_unit}


@tool(
    Example({"value": 2.0, "from_unit": "cup", "to_unit": "ml"}, {"result": 473.176473}),
    Example({"value": 10.0, "from_unit": "gal", "to_unit": "l"}, {"result": 37.85411784}),
)
def convert_volume(value: float, from_unit: VolumeUnit, to_unit: VolumeUnit) -> dict:
    """Convert a volume between metric units and US customary (cooking) units.

    Args:
        value: The volume to convert.
        from_unit: The unit of value: ml, l, m3, tsp, tbsp, fl_oz, cup, pt (pint), qt (quart) or gal (gallon); US sizes.
        to_unit: The unit to convert to (same choices as from_unit).

    Returns:
        The converted value and its unit.
    """
    return convert(value, from_unit, to_unit, VOLUME_IN_MILLILITRES)


@tool(
    Example({"value": 100.0, "from_unit": "km/h", "to_unit": "mph"}, {"result": 62.13711922}),
    Example({"value": 20.0, "from_unit": "knot", "to_unit": "km/h"}, {"result": 37.04}),
)
def convert_speed(value: float, from_unit: SpeedUnit, to_unit: SpeedUnit) -> dict:
    """Convert a speed between m/s, km/h, mph, knots and ft/s.

    Args:
        value: The speed to convert.
        from_unit: The unit of value: m/s, km/h, mph, knot or ft/s.
        to_unit: The unit to convert to (same choices as from_unit).

    Returns:
        The converted value and its unit.
    """
    return convert(value, from_unit, to_unit, SPEED_IN_METRES_PER_SECOND)
