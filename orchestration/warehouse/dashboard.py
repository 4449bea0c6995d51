"""A static HTML dashboard (inline SVG, no CDN, no server) rendered from the marts."""

import datetime as dt
from html import escape
from pathlib import Path

import duckdb

CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:2rem;color:#222;max-width:1100px}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
.asof{color:#666;font-size:.85rem}table{border-collapse:collapse;font-size:.9rem}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}svg text{font-size:12px}
.empty{color:#999;font-style:italic}
"""
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]


def bar_chart(rows: list[tuple[str, float]], unit: str = "", width: int = 760, fmt: str = "{:g}",
              scale: float | None = None) -> str:
    """Horizontal bars, one per (label, value), scaled to `scale` (a rate's 1.0) or else to the largest value."""
    if not rows:
        return '<p class="empty">no data</p>'
    bar_h, gap, label_w = 22, 6, 280
    height = len(rows) * (bar_h + gap) + 10
    top = scale or max((v for _, v in rows if v is not None), default=0) or 1
    parts = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for i, (label, value) in enumerate(rows):
        y = i * (bar_h + gap) + 5
        w = 0 if value is None else (width - label_w - 80) * min(max(value / top, 0), 1)
        text = "n/a" if value is None else fmt.format(value) + unit
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label[:28])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[0]}"><title>'
                     f'{escape(label)}: {escape(text)}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_chart(rows: list[tuple[str, dict[str, float]]], groups: list[str], width: int = 760) -> str:
    """Horizontal 100 % stacked bars: the mix of groups per label."""
    if not rows:
        return '<p class="empty">no data</p>'
    bar_h, gap, label_w = 22, 6, 280
    legend, legend_rows = _legend(groups, label_w, width, len(rows) * (bar_h + gap) + 20)
    height = len(rows) * (bar_h + gap) + 20 + 20 * legend_rows
    parts = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for i, (label, mix) in enumerate(rows):
        y = i * (bar_h + gap) + 5
        total = sum(mix.values()) or 1
        x = float(label_w)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label[:28])}</text>')
        for k, g in enumerate(groups):
            w = (width - label_w - 20) * mix.get(g, 0) / total
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[k % len(PALETTE)]}">'
                             f'<title>{escape(g)}: {mix.get(g, 0):g}</title></rect>')
            x += w
    parts.extend(legend)
    parts.append("</svg>")
    return "".join(parts)


def text_width(text: str) -> int:
    """Pixels a label takes at 12 px: ~7 a Latin character, 13 a CJK one."""
    return sum(13 if ord(ch) > 0x2E80 else 7 for ch in text)


def _legend(groups: list[str], left: int, width: int, top: int) -> tuple[list[str], int]:
    """The legend's entries (swatch and name), wrapped onto as many rows as the drawing's width needs; the
    elements and the number of rows."""
    parts, x, y, rows = [], left, top, 1 if groups else 0
    for k, g in enumerate(groups):
        entry = 14 + text_width(g) + 12
        if x + entry > width and x > left:
            x, y, rows = left, y + 20, rows + 1
        parts.append(f'<rect x="{x}" y="{y - 10}" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>'
                     f'<text x="{x + 14}" y="{y}">{escape(g)}</text>')
        x += entry
    return parts, rows


def table(headers: list[str], rows: list[tuple]) -> str:
    if not rows:
        return '<p class="empty">none</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def render(con: duckdb.DuckDBPyConnection, run_id: str, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    asof = f'<p class="asof">data as of run {escape(run_id)}, {now:%Y-%m-%d %H:%M} UTC</p>'
    apps = con.execute("""
        select a.canonical_name || ' ' || s.report_year, s.new_received
        from marts.agency_year_summary s join marts.dim_agency a using (agency_id)
        where s.new_received is not null order by s.new_received desc, 1 limit 25""").fetchall()
    mix_rows = con.execute("""
        select a.canonical_name || ' ' || f.report_year, f.outcome_group, sum(f.value)
        from marts.fct_applications f join marts.dim_agency a using (agency_id)
        where f.applicant_type = 'total' and f.outcome_group not in ('received', 'total', 'carried_forward')
          and f.value > 0
        group by all order by 1""").fetchall()
    groups = sorted({g for _, g, _ in mix_rows})
    mix: dict[str, dict[str, float]] = {}
    for label, group, value in mix_rows:
        mix.setdefault(label, {})[group] = value
    rates = con.execute("""
        select a.canonical_name || ' ' || s.report_year, s.disclosure_rate
        from marts.agency_year_summary s join marts.dim_agency a using (agency_id)
        where s.disclosure_rate is not null order by s.disclosure_rate desc, 1 limit 25""").fetchall()
    corrections = con.execute("""
        select a.canonical_name || ' ' || s.report_year, s.correction_rate
        from marts.agency_year_summary s join marts.dim_agency a using (agency_id)
        where s.correction_rate is not null order by s.correction_rate desc, 1 limit 25""").fetchall()
    failures = con.execute("""
        select rule_group, count(*) from marts.fct_report_checks where passed = false group by 1 order by 2 desc, 1""").fetchall()
    late = con.execute("""
        select a.canonical_name, s.report_year, s.published_date
        from marts.agency_year_summary s join marts.dim_agency a using (agency_id)
        where s.reported_on_time = false order by 2, 1""").fetchall()
    totals = con.execute("""select count(*), count(*) filter (where status = 'quarantined') from raw.parsed_reports""").fetchone()
    sections = [
        ("Applications received per agency and year (table 三, 一、本年新收, 总计)", bar_chart(apps)),
        ("Outcome mix of processed applications", stacked_chart(list(mix.items()), groups)),
        ("Disclosure rate, ranked: (予以公开 + 部分公开) / （七）总计", bar_chart(rates, fmt="{:.0%}", scale=1.0)),
        ("Correction rate of review and litigation, ranked: 结果纠正 / decided", bar_chart(corrections, fmt="{:.0%}", scale=1.0)),
        ("Failed checks by rule (fct_report_checks)", bar_chart(failures)),
        ("Reports published after 31 January", table(["agency", "year", "published"], late)),
    ]
    body = "".join(f"<section><h2>{escape(title)}</h2>{asof}{content}</section>" for title, content in sections)
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>gongkai dashboard</title>'
            f"<style>{CSS}</style></head><body><h1>gongkai 公开 — dashboard</h1>"
            f"<p>{totals[0]} distinct reports ({totals[1]} quarantined). Static page, regenerated on each refresh.</p>"
            f"{body}</body></html>")


def write_dashboard(con: duckdb.DuckDBPyConnection, path: Path, run_id: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(render(con, run_id), encoding="utf-8")
    tmp.replace(path)
    return path
