"""Statistics of lists of numbers: summaries, percentiles, spread, correlation, weighted means.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('describe_numbers', {'values': [2, 4, 4, 4, 5, 5, 7, 9]}).content)"
"""

from __future__ import annotations

import math
import statistics
from typing import Literal

from fc.tools import Example, tool
from fc.tools.math import tidy

DOMAIN = "statistics"
STATEFUL = False

MAX_VALUES = 100_000  # a pasted column of numbers, not a data set


def _values(values: list[float], field: str = "values", at_least: int = 1) -> list[float]:
    if len(values) < at_least:
        raise ValueError(f"{field} needs at least {at_least} number{'s' if at_least > 1 else ''}, got {len(values)}")
    if len(values) > MAX_VALUES:
        raise ValueError(f"{field} has too many numbers ({len(values)}, at most {MAX_VALUES})")
    if not all(math.isfinite(v) for v in values):
        raise ValueError(f"{field} must contain finite numbers only")
    return [float(v) for v in values]


@tool(
    Example({"values": [2, 4, 4, 4, 5, 5, 7, 9]},
            {"count": 8, "mean": 5.0, "median": 4.5, "mode": 4.0, "min": 2.0, "max": 9.0, "range": 7.0,
             "sum": 40.0, "sample_stdev": 2.1380899353}),
    Example({"values": [3.5]}, {"count": 1, "mean": 3.5, "sample_stdev": None}),
    Example({"values": []}, error="values needs at least 1 number"),
)
def describe_numbers(values: list[float]) -> dict:
    """Summarise a list of numbers: count, sum, mean, median, mode, minimum, maximum, range and standard deviation.

    Args:
        values: The numbers, e.g. [2, 4, 4, 5].

    Returns:
        The summary statistics; the sample standard deviation is null for a single number.
    """
    data = _values(values)
    return {"count": len(data), "sum": tidy(math.fsum(data)), "mean": tidy(statistics.fmean(data)),
            "median": tidy(statistics.median(data)), "mode": tidy(statistics.mode(data)),
            "min": min(data), "max": max(data), "range": tidy(max(data) - min(data)),
            "sample_stdev": tidy(statistics.stdev(data)) if len(data) > 1 else None}


@tool(
    Example({"values": [15, 20, 35, 40, 50], "percentile": 40.0}, {"value": 29.0}),
    Example({"values": [1, 2, 3, 4], "percentile": 50.0}, {"value": 2.5}),
    Example({"values": [1, 2, 3], "percentile": 120.0}, error="percentile must be between 0 and 100"),
)
def compute_percentile(values: list[float], percentile: float) -> dict:
    """Compute a percentile of a list of numbers, interpolating linearly between ranks (like NumPy's default).

    Args:
        values: The numbers.
        percentile: Which percentile, from 0 to 100 (50 is the median, 90 the 90th percentile).

    Returns:
        The value at that percentile.
    """
    if not 0 <= percentile <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {percentile}")
    data = sorted(_values(values))
    rank = (len(data) - 1) * percentile / 100
    low, high = math.floor(rank), math.ceil(rank)
    value = data[low] + (data[high] - data[low]) * (rank - low)
    return {"percentile": percentile, "value": tidy(value), "count": len(data)}


@tool(
    Example({"values": [2, 4, 4, 4, 5, 5, 7, 9], "kind": "population"}, {"stdev": 2.0, "variance": 4.0}),
    Example({"values": [2, 4, 4, 4, 5, 5, 7, 9]}, {"stdev": 2.1380899353, "variance": 4.57142857143}),
    Example({"values": [1.0]}, error="values needs at least 2 numbers"),
)
def compute_standard_deviation(values: list[float], kind: Literal["sample", "population"] = "sample") -> dict:
    """Compute the standard deviation and variance of a list of numbers.

    Args:
        values: The numbers.
        kind: "sample" (divides by n - 1) or "population" (divides by n) (default "sample").

    Returns:
        The standard deviation, the variance and the mean.
    """
    data = _values(values, at_least=2 if kind == "sample" else 1)
    variance = statistics.variance(data) if kind == "sample" else statistics.pvariance(data)
    return {"kind": kind, "stdev": tidy(math.sqrt(variance)), "variance": tidy(variance),
            "mean": tidy(statistics.fmean(data))}


@tool(
    Example({"x": [1, 2, 3, 4, 5], "y": [2, 4, 5, 4, 5]}, {"r": 0.774596669241, "strength": "strong positive"}),
    Example({"x": [1, 2, 3], "y": [3, 2, 1]}, {"r": -1.0}),
    Example({"x": [1, 2, 3], "y": [1, 2]}, error="same length"),
    Example({"x": [1, 1, 1], "y": [1, 2, 3]}, error="constant"),
)
def pearson_correlation(x: list[float], y: list[float]) -> dict:
    """Compute the Pearson correlation coefficient between two paired lists of numbers.

    Args:
        x: The first list of numbers.
        y: The second list, paired with x item by item (same length).

    Returns:
        The coefficient r (from -1 to 1), r squared, and a word for its strength and direction.
    """
    xs, ys = _values(x, "x", 2), _values(y, "y", 2)
    if len(xs) != len(ys):
        raise ValueError(f"x and y must have the same length, got {len(xs)} and {len(ys)}")
    try:
        r = statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        raise ValueError("x or y is constant, so the correlation is undefined") from None
    size = abs(r)
    strength = "none" if size < 0.1 else "weak" if size < 0.4 else "moderate" if size < 0.7 else "strong"
    direction = "" if strength == "none" else " positive" if r > 0 else " negative"
    return {"r": tidy(r), "r_squared": tidy(r * r), "strength": strength + direction, "n": len(xs)}


@tool(
    Example({"values": [90, 80, 70], "weights": [0.5, 0.3, 0.2]}, {"weighted_average": 83.0}),
    Example({"values": [4, 5], "weights": [1, 3]}, {"weighted_average": 4.75, "total_weight": 4.0}),
    Example({"values": [1, 2], "weights": [0, 0]}, error="weights must add up to more than 0"),
    Example({"values": [1, 2], "weights": [1]}, error="same length"),
)
def weighted_average(values: list[float], weights: list[float]) -> dict:
    """Compute the weighted average of numbers, e.g. a grade from marks and their weights.

    Args:
        values: The numbers to average.
        weights: The weight of each number, in the same order (not negative).

    Returns:
        The weighted average and the total weight.
    """
    data, w = _values(values), _values(weights, "weights")
    if len(data) != len(w):
        raise ValueError(f"values and weights must have the same length, got {len(data)} and {len(w)}")
    if any(v < 0 for v in w):
        raise ValueError("weights must not be negative")
    total = math.fsum(w)
    if total <= 0:
        raise ValueError("weights must add up to more than 0")
    return {"weighted_average": tidy(math.fsum(v * k for v, k in zip(data, w)) / total), "total_weight": tidy(total)}
