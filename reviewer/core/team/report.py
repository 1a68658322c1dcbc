"""``reviewer stats --html``: one self-contained HTML file (charts as inline SVG, no scripts,
no links out) with the same charts the window shows, and their figures as tables."""

from __future__ import annotations

import html
import os
from pathlib import Path

from reviewer.core.team import charts
from reviewer.core.team.stats import Stats

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0; } td, th { padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; }
th { text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.chart svg { max-width: 100%; height: auto; }
"""


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def _table(head: list[str], rows: list[list[object]]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(
        f'<td class="n">{html.escape(str(c))}</td>' if isinstance(c, (int, float)) or str(c)[:1].isdigit()
        else f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{cells}</tr>{body}</table>"


def render(stats: Stats, title: str) -> str:
    """The report as HTML text."""
    figures = {name: charts.svg(make(stats)) for name, make in charts.CHARTS.items()}
    reviewers = _table(["reviewer", "field decisions", "active hours", "decisions / hour", "documents done"],
                       [[r, stats.total(r), len(stats.per_hour[r]), f"{stats.pace(r):.1f}",
                         sum(stats.documents_per_day.get(r, {}).values())] for r in stats.reviewers])
    labels = _table(["label", "accepted", "edited", "rejected", "pending", "added", "acceptance"],
                    [[o.label, o.accepted, o.edited, o.rejected, o.pending, o.added, _pct(o.acceptance)]
                     for o in sorted(stats.labels.values(), key=lambda o: o.label)])
    corrected = _table(["label", "edited", "rejected", "share of decided"],
                       [[o.label, o.edited, o.rejected, _pct(o.corrected_share)] for o in stats.most_corrected()])
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<h2>Progress per reviewer</h2>", f'<div class="chart">{figures["progress"]}</div>',
        "<h2>Decisions per hour</h2>", f'<div class="chart">{figures["pace"]}</div>', reviewers,
        "<h2>Acceptance rate per label</h2>", f'<div class="chart">{figures["acceptance"]}</div>', labels,
        "<h2>Most-corrected labels</h2>", f'<div class="chart">{figures["corrected"]}</div>', corrected,
        "</body></html>",
    ]
    return "\n".join(parts)


def write(stats: Stats, out: str | Path, title: str) -> Path:
    """Write the report to ``out`` (a temporary file beside it, renamed into place)."""
    out = Path(out)
    text = render(stats, title)
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return out
