"""The team's statistics: each reviewer's progress over time and pace, and how the extractor
fared per label as the reviewers judged it.

- progress: field decisions per reviewer per hour, and their running total;
- pace: decisions per active hour (hours in which the reviewer decided anything);
- acceptance rate per label: accepted / (accepted + edited + rejected) over the extracted
  fields decided: the extractor's precision as the reviewers judged it (an edited field was
  found at the right place with a wrong value or span, so it counts against);
- most-corrected labels: edited + rejected, as a share of the decided, most first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from reviewer.core.storage import team_reads

DECIDED = ("accepted", "edited", "rejected")


@dataclass
class LabelOutcome:
    label: str
    accepted: int = 0
    edited: int = 0
    rejected: int = 0
    pending: int = 0
    added: int = 0  # fields of this label the reviewers added: what the extractor missed

    @property
    def decided(self) -> int:
        return self.accepted + self.edited + self.rejected

    @property
    def acceptance(self) -> float | None:
        return self.accepted / self.decided if self.decided else None

    @property
    def corrected(self) -> int:
        return self.edited + self.rejected

    @property
    def corrected_share(self) -> float | None:
        return self.corrected / self.decided if self.decided else None


@dataclass
class Stats:
    hours: list[str]  # every hour with a decision, 'YYYY-MM-DDTHH', in order
    per_hour: dict[str, dict[str, int]]  # reviewer -> hour -> field decisions
    documents_per_day: dict[str, dict[str, int]]  # reviewer -> day -> documents approved or rejected
    labels: dict[str, LabelOutcome]

    @property
    def reviewers(self) -> list[str]:
        return sorted(self.per_hour)

    def total(self, reviewer: str) -> int:
        return sum(self.per_hour[reviewer].values())

    def pace(self, reviewer: str) -> float:
        """Field decisions per active hour."""
        hours = self.per_hour[reviewer]
        return self.total(reviewer) / len(hours) if hours else 0.0

    def cumulative(self, reviewer: str) -> list[int]:
        """The reviewer's running total at the end of each of ``hours``."""
        run, out = 0, []
        for h in self.hours:
            run += self.per_hour[reviewer].get(h, 0)
            out.append(run)
        return out

    def most_corrected(self, limit: int = 10) -> list[LabelOutcome]:
        decided = [o for o in self.labels.values() if o.decided and o.corrected]
        return sorted(decided, key=lambda o: (-o.corrected_share, -o.corrected, o.label))[:limit]

    def as_dict(self) -> dict[str, Any]:
        return {
            "reviewers": [{"reviewer": r, "decisions": self.total(r), "active_hours": len(self.per_hour[r]),
                           "decisions_per_hour": round(self.pace(r), 2), "per_hour": self.per_hour[r],
                           "documents_per_day": self.documents_per_day.get(r, {})} for r in self.reviewers],
            "labels": [{"label": o.label, "accepted": o.accepted, "edited": o.edited, "rejected": o.rejected,
                        "pending": o.pending, "added": o.added, "acceptance_rate": o.acceptance}
                       for o in sorted(self.labels.values(), key=lambda o: o.label)],
            "most_corrected": [o.label for o in self.most_corrected()],
        }


def compute(activity, outcomes, added, documents) -> Stats:
    """Stats from storage's rows (team_reads.activity, label_outcomes, added_by_label,
    document_progress)."""
    per_hour: dict[str, dict[str, int]] = defaultdict(dict)
    hours = set()
    for reviewer, hour, n in activity:
        per_hour[reviewer][hour] = per_hour[reviewer].get(hour, 0) + n
        hours.add(hour)
    labels: dict[str, LabelOutcome] = {}
    for label, status, n in outcomes:
        o = labels.setdefault(label, LabelOutcome(label))
        if status in DECIDED or status == "pending":
            setattr(o, status, getattr(o, status) + n)
    for label, n in added:
        labels.setdefault(label, LabelOutcome(label)).added += n
    per_day: dict[str, dict[str, int]] = defaultdict(dict)
    for reviewer, day, n in documents:
        per_day[reviewer][day] = n
    return Stats(sorted(hours), dict(per_hour), dict(per_day), labels)


def stats(storage) -> Stats:
    return compute(team_reads.activity(storage), team_reads.label_outcomes(storage),
                   team_reads.added_by_label(storage), team_reads.document_progress(storage))
