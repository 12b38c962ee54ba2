"""A trend chart of grouped stats (stats.py): the first dimension along the x axis, one line (a year
axis) or bar group per value of the second dimension, money in millions of one currency or notice counts.
Drawn with matplotlib's Agg backend (no display needed); Chinese labels use Noto Sans CJK when installed."""
from __future__ import annotations

from pathlib import Path

from counterwatch.serve.stats import Group, main_currency

#: Series drawn at most; the rest are summed into "other" so the legend stays readable.
MAX_SERIES = 8
#: Money is plotted in millions: procurement amounts run from 10^4 to 10^9 yuan.
MONEY_SCALE = 1_000_000
MEASURES = ("spent", "budget", "notices")
_TITLES = {"spent": "Awarded and contracted spend", "budget": "Budgeted spend", "notices": "Notices"}
_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC")


def _value(group: Group, measure: str, currency: str | None) -> float:
    if measure == "notices":
        return group.notices
    money = group.spent if measure == "spent" else group.budget
    return money.get(currency, 0.0) / MONEY_SCALE if currency else 0.0


def _label(value) -> str:
    return "unknown" if value is None else str(value)


def draw_chart(groups: list[Group], by: list[str], measure: str, out: Path) -> Path:
    """Write the chart to ``out`` (.png or .svg, by its suffix)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    installed = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [name for name in _CJK_FONTS if name in installed]
    plt.rcParams["font.sans-serif"] = cjk + list(plt.rcParams["font.sans-serif"])
    plt.rcParams["axes.unicode_minus"] = False
    groups = [g for g in groups if g.key[0] is not None]  # an unknown year or province has no place on the axis
    currency = main_currency(groups) if measure != "notices" else None
    xs = sorted({g.key[0] for g in groups}, key=str)
    series: dict[str, dict] = {}
    if len(by) > 1:
        totals: dict[str, float] = {}
        for g in groups:
            totals[_label(g.key[1])] = totals.get(_label(g.key[1]), 0) + _value(g, measure, currency)
        top = sorted(totals, key=totals.get, reverse=True)[:MAX_SERIES]
        for g in groups:
            name = _label(g.key[1]) if _label(g.key[1]) in top else "other"
            line = series.setdefault(name, {})
            line[g.key[0]] = line.get(g.key[0], 0) + _value(g, measure, currency)
    else:
        series[_TITLES[measure]] = {g.key[0]: _value(g, measure, currency) for g in groups}
    fig, ax = plt.subplots(figsize=(10, 5.5))
    positions = range(len(xs))
    if by[0] == "year":
        for name, points in series.items():
            ax.plot(list(positions), [points.get(x, 0) for x in xs], marker="o", label=name)
    else:
        width = 0.8 / max(1, len(series))
        for i, (name, points) in enumerate(series.items()):
            ax.bar([p + i * width for p in positions], [points.get(x, 0) for x in xs], width, label=name)
    ax.set_xticks(list(positions), [_label(x) for x in xs], rotation=0 if by[0] == "year" else 45, ha="right"
                  if by[0] != "year" else "center")
    unit = "number of notices" if measure == "notices" else f"million {currency or 'CNY'}"
    ax.set_ylabel(f"{_TITLES[measure]} ({unit})")
    ax.set_xlabel(by[0])
    per = f" per {by[0]}" + (f" and {by[1]}" if len(by) > 1 else "")
    ax.set_title(f"{_TITLES[measure]}{per}")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(title=by[1] if len(by) > 1 else None, fontsize="small")
    fig.tight_layout()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, format=out.suffix.lstrip(".").lower() or "png", dpi=120)
    plt.close(fig)
    return out
