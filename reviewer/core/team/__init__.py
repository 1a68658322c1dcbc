"""Team review: share a corpus out as shard databases, merge them back, measure how far the
reviewers agree, settle their conflicts, and show the team's progress. Pure Python: what it
keeps in the database goes through reviewer.core.storage (team.py, team_merge.py, team_reads.py).
"""

from reviewer.core.team.merge import MergeReport, TeamError, merge
from reviewer.core.team.shard import ShardReport, assign, shard

__all__ = ["MergeReport", "ShardReport", "TeamError", "assign", "merge", "shard"]
