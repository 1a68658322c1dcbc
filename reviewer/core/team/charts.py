"""The statistics as charts (matplotlib, an optional extra: ``filing-reviewer[team]``), drawn
on figures of their own (no pyplot state), as SVG text or PNG bytes; the HTML report and
the window's statistics view show the same ones."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta

from reviewer.core.team.stats import Stats

NEEDS = "the charts need matplotlib: pip install 'filing-reviewer[team]'"


class ChartsUnavailable(RuntimeError):
    pass


def _figure(width: float = 7.0, height: float = 3.2):
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise ChartsUnavailable(NEEDS) from None
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig, fig.add_subplot()


def _empty(ax, what: str) -> None:
    ax.text(0.5, 0.5, f"no {what} yet", ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_axis_off()


def progress(stats: Stats):
    """Each reviewer's running total of field decisions over time."""
    fig, ax = _figure()
    if not stats.hours:
        _empty(ax, "decisions")
        return fig
    # the running totals at the end of each hour, from nothing at the start of the first
    # (so that a single hour of work is a line, not a lone point)
    starts = [datetime.fromisoformat(h + ":00") for h in stats.hours]
    times = starts[:1] + [t + timedelta(hours=1) for t in starts]
    for reviewer in stats.reviewers:
        ax.plot(times, [0, *stats.cumulative(reviewer)], marker="." if len(times) < 50 else None, label=reviewer)
    ax.set_title("Progress: field decisions so far")
    ax.set_ylabel("decisions")
    ax.legend(loc="upper left", fontsize="small")
    fig.autofmt_xdate()
    return fig


def pace(stats: Stats):
    """Field decisions per active hour, per reviewer."""
    fig, ax = _figure()
    reviewers = stats.reviewers
    if not reviewers:
        _empty(ax, "decisions")
        return fig
    values = [stats.pace(r) for r in reviewers]
    bars = ax.bar(reviewers, values, color="#4c72b0")
    ax.bar_label(bars, fmt="%.0f")
    ax.set_title("Decisions per active hour")
    ax.set_ylabel("decisions / hour")
    return fig


def acceptance(stats: Stats):
    """The share of each label's extracted fields the reviewers accepted as they were."""
    labels = sorted((o for o in stats.labels.values() if o.decided), key=lambda o: (o.acceptance, o.label))
    fig, ax = _figure(7.0, max(2.4, 0.28 * len(labels) + 1))
    if not labels:
        _empty(ax, "decided fields")
        return fig
    bars = ax.barh([o.label for o in labels], [o.acceptance * 100 for o in labels], color="#55a868")
    ax.bar_label(bars, labels=[f"{o.acceptance:.0%} of {o.decided}" for o in labels], fontsize="small")
    ax.set_xlim(0, 119)
    ax.set_title("Acceptance rate per label (the extractor's precision as judged)")
    ax.set_xlabel("% accepted")
    return fig


def corrected(stats: Stats):
    """The labels most often edited or rejected, as a share of those decided."""
    top = list(reversed(stats.most_corrected()))
    fig, ax = _figure(7.0, max(2.4, 0.28 * len(top) + 1))
    if not top:
        _empty(ax, "corrections")
        return fig
    bars = ax.barh([o.label for o in top], [o.corrected_share * 100 for o in top], color="#c44e52")
    ax.bar_label(bars, labels=[f"{o.edited} edited, {o.rejected} rejected" for o in top], fontsize="small")
    ax.set_xlim(0, 139)
    ax.set_title("Most-corrected labels")
    ax.set_xlabel("% of decided fields edited or rejected")
    return fig


CHARTS: dict[str, Callable[[Stats], object]] = {
    "progress": progress, "pace": pace, "acceptance": acceptance, "corrected": corrected,
}


def svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    text = buf.getvalue()
    return text[text.index("<svg"):]  # without the XML prolog, to sit inside HTML


def png(fig, dpi: int = 100) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
