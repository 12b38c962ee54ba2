"""Geometry for the SVG charts the templates draw: the map layers, the timeline and the vendor network."""
from __future__ import annotations

from counterwatch.model import TECHNOLOGIES
from counterwatch.serve.web import worldmap

#: One colour per technology (Tableau 20 hues, colour-blind-friendlier than a rainbow), in vocabulary order.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d", "#8cd17d", "#79706e")
TECH_COLOURS = dict(zip(TECHNOLOGIES, PALETTE))
TIMELINE_W, TIMELINE_H = 720, 220
#: Left margin for axis labels and bottom margin for year labels, in SVG units.
AXIS_LEFT, AXIS_BOTTOM = 40, 20
NETWORK_W = 720
#: Vertical spacing of network nodes: one line of 12px text with room to click.
NODE_GAP = 22
#: Largest marker radius and thickest network link, in SVG units.
MAX_RADIUS, MAX_STROKE = 12.0, 10.0


def map_layers(counts: dict[str, int], markers: list[dict]) -> dict:
    most = max(counts.values(), default=0)
    countries = [{"iso2": s.iso2, "name": s.name, "path": s.path, "count": counts.get(s.iso2 or "", 0),
                  "shade": worldmap.shade(counts.get(s.iso2 or "", 0), most)} for s in worldmap.country_shapes()]
    top = max((m["count"] for m in markers), default=1)
    dots = []
    for m in markers:
        x, y = worldmap.project(m["lon"], m["lat"])
        dots.append(m | {"x": round(x, 1), "y": round(y, 1),
                         "r": round(2 + (MAX_RADIUS - 2) * (m["count"] / top) ** 0.5, 1)})
    return {"countries": countries, "markers": dots, "width": worldmap.WIDTH, "height": worldmap.HEIGHT,
            "most": most}


def timeline_bars(data: dict[int, dict[str, int]]) -> dict:
    """Stacked bars, one per year, one segment per technology."""
    if not data:
        return {"bars": [], "years": [], "legend": [], "most": 0, "width": TIMELINE_W, "height": TIMELINE_H}
    years = list(range(min(data), max(data) + 1))
    most = max(sum(v.values()) for v in data.values())
    step = (TIMELINE_W - AXIS_LEFT) / len(years)
    plot_h = TIMELINE_H - AXIS_BOTTOM
    bars, used = [], set()
    for i, year in enumerate(years):
        y = plot_h
        for tech in TECHNOLOGIES:
            n = data.get(year, {}).get(tech, 0)
            if not n:
                continue
            h = plot_h * n / most
            y -= h
            used.add(tech)
            bars.append({"year": year, "technology": tech, "count": n, "x": round(AXIS_LEFT + i * step + 1, 1),
                         "y": round(y, 1), "w": round(max(step - 2, 1), 1), "h": round(h, 1),
                         "colour": TECH_COLOURS[tech]})
    labels = [{"year": year, "x": round(AXIS_LEFT + (i + 0.5) * step, 1)} for i, year in enumerate(years)
              if len(years) <= 20 or year % 5 == 0]
    return {"bars": bars, "years": labels, "most": most, "width": TIMELINE_W, "height": TIMELINE_H,
            "legend": [(t, TECH_COLOURS[t]) for t in TECHNOLOGIES if t in used]}


def network_layout(links: list[dict]) -> dict:
    """Suppliers in a column on the left, countries and buyers on the right, a line per link."""
    suppliers = sorted({link["supplier"] for link in links})
    targets = sorted({(link["kind"], link["target"]) for link in links})
    left = {name: NODE_GAP * (i + 1) for i, name in enumerate(suppliers)}
    right = {key: NODE_GAP * (i + 1) for i, key in enumerate(targets)}
    most = max((link["count"] for link in links), default=1)
    edges = [link | {"y1": left[link["supplier"]], "y2": right[(link["kind"], link["target"])],
                     "stroke": round(1 + (MAX_STROKE - 1) * link["count"] / most, 1)} for link in links]
    height = NODE_GAP * (max(len(suppliers), len(targets)) + 1)
    return {"suppliers": [(n, y) for n, y in left.items()], "targets": [(k, t, y) for (k, t), y in right.items()],
            "edges": edges, "width": NETWORK_W, "height": height, "x1": NETWORK_W * 0.3, "x2": NETWORK_W * 0.7}
