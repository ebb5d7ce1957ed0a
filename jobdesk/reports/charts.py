"""Line charts as SVG text, drawn on the server (no JavaScript, no CDN), readable when printed.

Plain Python (no Django): ``line_chart`` takes the x labels and named series of numbers (``None``
for a month without a value) and returns one ``<svg>`` element. Every series has its own colour
*and* dash pattern and marker, so a black-and-white print tells them apart; the SVG carries a
title and description for screen readers, and the page shows the same numbers in a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 64
DASHES = ("", "6 4", "2 3", "10 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond")


def nice_max(value: float) -> float:
    """A round upper bound for the y axis (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def _marker(kind: str, x: float, y: float, css: str) -> str:
    if kind == "square":
        return f'<rect class="{css}" x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7"/>'
    if kind == "triangle":
        points = f"{x:.1f},{y - 4.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f}"
        return f'<polygon class="{css}" points="{points}"/>'
    if kind == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x - 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x + 5:.1f},{y:.1f}"
        return f'<polygon class="{css}" points="{points}"/>'
    return f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    unit: str = "",
    chart_id: str = "chart",
) -> str:
    """One SVG line chart; ``series`` are (name, values) with one value per label."""
    values = [v for _name, vs in series for v in vs if v is not None]
    top = nice_max(max(values) if values else 0)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels) - 1)

    def x_of(i: int) -> float:
        return LEFT + (i * step if len(labels) > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        return TOP + plot_h - (v / top) * plot_h

    desc = "；".join(
        f"{name}："
        + "、".join(
            f"{label} {_fmt(v) if v is not None else '無資料'}"
            for label, v in zip(labels, vs, strict=True)
        )
        for name, vs in series
    )
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for tick in range(5):
        value = top * tick / 4
        y = y_of(value)
        out.append(
            f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(_fmt(value))}'
            f"{escape(unit) if tick == 4 else ''}</text>"
        )
    out.append(
        f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
        f'y2="{TOP + plot_h}"/>'
    )
    for i, label in enumerate(labels):
        out.append(
            f'<text x="{x_of(i):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for index, (_name, vs) in enumerate(series):
        css = f"series-{index % len(DASHES)}"
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[str]] = [[]]
        for i, v in enumerate(vs):
            if v is None:
                runs.append([])
                continue
            runs[-1].append(f"{x_of(i):.1f},{y_of(v):.1f}")
        for run in runs:
            if len(run) > 1:
                out.append(f'<polyline class="{css}"{dash_attr} points="{" ".join(run)}"/>')
        for i, v in enumerate(vs):
            if v is not None:
                out.append(_marker(MARKERS[index % len(MARKERS)], x_of(i), y_of(v), css))
    legend_y = HEIGHT - 16
    for index, (name, _vs) in enumerate(series):
        css = f"series-{index % len(DASHES)}"
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        x = LEFT + index * 200
        out.append(
            f'<g class="legend"><line class="{css}" x1="{x}" y1="{legend_y - 4}" x2="{x + 28}" '
            f'y2="{legend_y - 4}" stroke-width="2.5"{dash_attr}/>'
            + _marker(MARKERS[index % len(MARKERS)], x + 14, legend_y - 4, css)
            + f'<text x="{x + 34}" y="{legend_y}">{escape(name)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)
