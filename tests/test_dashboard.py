"""The dashboard's drawings: every legend entry inside the drawing; rates drawn against 100 %, not the largest."""

import re

from orchestration.warehouse.dashboard import bar_chart, stacked_chart


def _svg_width(svg: str) -> float:
    return float(re.search(r'<svg[^>]*width="(\d+)"', svg).group(1))


def test_legend_entries_stay_inside_the_drawing():
    groups = ["denied", "granted", "not_processed", "other", "partially_granted", "unavailable"]
    svg = stacked_chart([("某县人民政府 2023", {g: 1 for g in groups})], groups)
    width, height = _svg_width(svg), float(re.search(r'height="(\d+)"', svg).group(1))
    texts = re.findall(r'<text x="([\d.]+)" y="([\d.]+)">([a-z_]+)</text>', svg)
    assert [t[2] for t in texts] == groups
    for x, y, name in texts:
        assert float(x) + 7 * len(name) <= width and float(y) <= height


def test_rates_are_bars_of_one_hundred_percent():
    svg = bar_chart([("a", 0.19), ("b", 0.06)], fmt="{:.0%}", scale=1.0)
    widths = [float(w) for w in re.findall(r'<rect x="280" y="\d+" width="([\d.]+)"', svg)]
    full = 760 - 280 - 80
    assert widths == [round(full * 0.19, 1), round(full * 0.06, 1)]
