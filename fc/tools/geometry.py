"""Geometry: areas and perimeters of common shapes, polygons, and distances on a plane and on the Earth.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('great_circle_distance', {'lat1': 51.5074, 'lon1': -0.1278, 'lat2': 48.8566, 'lon2': 2.3522}).content)"
"""

from __future__ import annotations

import math
from typing import Literal

from fc.tools import Example, tool
from fc.tools.math import tidy
from fc.tools.units import LENGTH_IN_METRES

DOMAIN = "geometry"
STATEFUL = False

EARTH_RADIUS_KM = 6371.0088  # the IUGG mean radius


def _positive(**values: float) -> None:
    for name, value in values.items():
        if not value > 0 or not math.isfinite(value):
            raise ValueError(f"{name} must be a positive number, got {value}")


@tool(
    Example({"radius": 2.0}, {"area": 12.5663706144, "circumference": 12.5663706144, "diameter": 4.0}),
    Example({"radius": 0.0}, error="radius must be a positive number"),
)
def area_of_circle(radius: float) -> dict:
    """Compute the area, circumference and diameter of a circle.

    Args:
        radius: The circle's radius (any length unit; the area is in that unit squared).

    Returns:
        The area, circumference and diameter.
    """
    _positive(radius=radius)
    return {"radius": radius, "area": tidy(math.pi * radius**2), "circumference": tidy(2 * math.pi * radius),
            "diameter": tidy(2 * radius)}


@tool(
    Example({"width": 3.0, "height": 4.0}, {"area": 12.0, "perimeter": 14.0, "diagonal": 5.0}),
    Example({"width": -3.0, "height": 4.0}, error="width must be a positive number"),
)
def area_of_rectangle(width: float, height: float) -> dict:
    """Compute the area, perimeter and diagonal of a rectangle.

    Args:
        width: The rectangle's width.
        height: The rectangle's height, in the same unit as width.

    Returns:
        The area, perimeter and diagonal length.
    """
    _positive(width=width, height=height)
    return {"width": width, "height": height, "area": tidy(width * height), "perimeter": tidy(2 * (width + height)),
            "diagonal": tidy(math.hypot(width, height))}


@tool(
    Example({"a": 3.0, "b": 4.0, "c": 5.0}, {"area": 6.0, "perimeter": 12.0, "kind": "right"}),
    Example({"a": 2.0, "b": 2.0, "c": 2.0}, {"kind": "equilateral", "area": 1.73205080757}),
    Example({"a": 1.0, "b": 2.0, "c": 3.5}, error="cannot form a triangle"),
)
def triangle_area_from_sides(a: float, b: float, c: float) -> dict:
    """Compute a triangle's area from its three side lengths (Heron's formula), and what kind of triangle it is.

    Args:
        a: The first side length.
        b: The second side length.
        c: The third side length.

    Returns:
        The area, the perimeter and the kind: equilateral, isosceles, right or scalene.
    """
    _positive(a=a, b=b, c=c)
    x, y, z = sorted((a, b, c))
    if x + y <= z:
        raise ValueError(f"sides {a}, {b} and {c} cannot form a triangle (the two shorter sides must add up to "
                         "more than the longest)")
    s = (a + b + c) / 2
    area = math.sqrt(max(s * (s - a) * (s - b) * (s - c), 0.0))
    if a == b == c:
        kind = "equilateral"
    elif math.isclose(x * x + y * y, z * z, rel_tol=1e-9):
        kind = "right"
    elif a == b or b == c or a == c:
        kind = "isosceles"
    else:
        kind = "scalene"
    return {"a": a, "b": b, "c": c, "area": tidy(area), "perimeter": tidy(a + b + c), "kind": kind}


@tool(
    Example({"points": [[0, 0], [4, 0], [4, 3], [0, 3]]}, {"area": 12.0, "perimeter": 14.0, "vertices": 4}),
    Example({"points": [[0, 0], [1, 1]]}, error="at least 3 points"),
    Example({"points": [[0, 0], [1, 1, 1], [2, 0]]}, error="points[1] must be [x, y]"),
)
def polygon_area(points: list[list[float]]) -> dict:
    """Compute the area and perimeter of a simple polygon from its corner points in order (shoelace formula).

    Args:
        points: The corners as [x, y] pairs, in order around the polygon, e.g. [[0, 0], [4, 0], [4, 3]].

    Returns:
        The area, perimeter and number of vertices.
    """
    if len(points) < 3:
        raise ValueError(f"a polygon needs at least 3 points, got {len(points)}")
    for i, point in enumerate(points):
        if len(point) != 2:
            raise ValueError(f"points[{i}] must be [x, y], got {point}")
    twice_area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))
    perimeter = sum(math.dist(p, q) for p, q in zip(points, points[1:] + points[:1]))
    return {"area": tidy(abs(twice_area) / 2), "perimeter": tidy(perimeter), "vertices": len(points)}


@tool(
    Example({"point_a": [1, 2], "point_b": [4, 6]}, {"distance": 5.0, "dimensions": 2}),
    Example({"point_a": [0, 0, 0], "point_b": [1, 2, 2]}, {"distance": 3.0}),
    Example({"point_a": [0, 0], "point_b": [1, 2, 2]}, error="same number of coordinates"),
)
def distance_between_points(point_a: list[float], point_b: list[float]) -> dict:
    """Compute the straight-line (Euclidean) distance between two points with the same number of coordinates.

    Args:
        point_a: The first point's coordinates, e.g. [1, 2].
        point_b: The second point's coordinates, e.g. [4, 6].

    Returns:
        The distance and the number of dimensions.
    """
    if len(point_a) != len(point_b) or not point_a:
        raise ValueError(f"the points must have the same number of coordinates (at least 1), "
                         f"got {len(point_a)} and {len(point_b)}")
    return {"distance": tidy(math.dist(point_a, point_b)), "dimensions": len(point_a)}


@tool(
    Example({"lat1": 51.5074, "lon1": -0.1278, "lat2": 48.8566, "lon2": 2.3522},
            {"distance": 343.56, "unit": "km"}),
    Example({"lat1": 40.7128, "lon1": -74.006, "lat2": 34.0522, "lon2": -118.2437, "unit": "mi"},
            {"distance": 2445.56, "unit": "mi"}),
    Example({"lat1": 91.0, "lon1": 0.0, "lat2": 0.0, "lon2": 0.0}, error="lat1 must be between -90 and 90"),
)
def great_circle_distance(lat1: float, lon1: float, lat2: float, lon2: float,
                          unit: Literal["km", "mi", "nmi"] = "km") -> dict:
    """Compute the distance between two places on Earth along its surface (haversine formula).

    Args:
        lat1: Latitude of the first place in degrees (north positive).
        lon1: Longitude of the first place in degrees (east positive).
        lat2: Latitude of the second place in degrees.
        lon2: Longitude of the second place in degrees.
        unit: Unit of the result: km, mi (statute miles) or nmi (nautical miles) (default "km").

    Returns:
        The distance, rounded to two decimals, and its unit.
    """
    for name, value, bound in (("lat1", lat1, 90), ("lat2", lat2, 90), ("lon1", lon1, 180), ("lon2", lon2, 180)):
        if not -bound <= value <= bound:
            raise ValueError(f"{name} must be between -{bound} and {bound}, got {value}")
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((phi2 - phi1) / 2) ** 2
         + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
    return {"distance": round(km * 1000 / LENGTH_IN_METRES[unit], 2), "unit": unit}
