"""The world base map, shipped with the app: world-atlas's countries-110m TopoJSON (ISC licence,
static/LICENSE-world-atlas.txt) decoded once into SVG paths in an equirectangular projection.
Nothing is fetched at run time; pages draw the map as inline SVG."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

TOPOJSON = Path(__file__).with_name("static") / "countries-110m.json"
#: SVG canvas: 2:1 like the equirectangular projection, 960 wide as in d3's examples.
WIDTH, HEIGHT = 960, 400
#: Latitudes drawn: Antarctica (south of 60°S) has no deployments and would take a fifth of the height.
NORTH, SOUTH = 84.0, -60.0
#: Shading steps for fact counts: five classes stay distinguishable in a sequential palette.
SHADES = 5


@dataclass(frozen=True)
class CountryShape:
    iso2: str | None
    name: str
    path: str


def project(lon: float, lat: float) -> tuple[float, float]:
    lat = max(SOUTH, min(NORTH, lat))
    return (lon + 180.0) / 360.0 * WIDTH, (NORTH - lat) / (NORTH - SOUTH) * HEIGHT


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(project(x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


def _iso2(numeric: str | None) -> str | None:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else None


@lru_cache(maxsize=1)
def country_shapes() -> tuple[CountryShape, ...]:
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        path = "".join(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        shapes.append(CountryShape(_iso2(geometry.get("id")), geometry["properties"]["name"], path))
    return tuple(shapes)


def shade(count: int, most: int) -> int:
    """Shading class 0 (no facts) to SHADES for ``count`` facts, on a square-root scale of the maximum so
    that countries with few facts still show."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(SHADES, round(SHADES * (count / most) ** 0.5)))
