"""A person's title beside the name: a word that is a title alone ("President", "Officer"),
or a modifier followed by title words ("Senior Vice President", "Chief Financial Officer"; not
"Senior Notes")."""

from __future__ import annotations

import re

TITLE_ALONE = frozenset(
    """president ceo cfo coo cto cio cmo cso clo evp svp vp chairman chairwoman chairperson chair director founder
    co-founder cofounder partner secretary treasurer counsel controller officer manager trustee analyst
    attorney spokesperson spokesman spokeswoman professor dean advisor adviser minister governor senator
    mayor ambassador commissioner chancellor member""".split()
)
TITLE_MODIFIERS = frozenset(
    """vice chief senior executive general managing principal head deputy associate assistant co
    interim acting lead group regional global corporate independent non-executive company representative""".split()
)
_HEAD_OF = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_TITLE_WORDS_AFTER = re.compile(r"[\s-]+(?:of\s+)?([A-Za-z&]+)")


def is_title(word: str, text: str, end: int) -> bool:
    """Whether ``word``, with what follows it from text[end:], is a title."""
    low = word.lower()
    if low in TITLE_ALONE:
        return True
    if low == "head" and _HEAD_OF.match(text, end):
        return True  # "Head of Communications", "Head of Investor Relations"
    if low.rstrip("-") in TITLE_MODIFIERS:
        # a modifier, then a title word among the next capitalised ones ("Chief Financial Officer",
        # "Executive Vice President"; not "Senior Notes", "Global Markets")
        for _ in range(3):
            nxt = _TITLE_WORDS_AFTER.match(text, end)
            if not nxt:
                return False
            word = nxt.group(1)
            if word.lower() in TITLE_ALONE or (word.lower() in TITLE_MODIFIERS and word[:1].isupper()
                                               and _TITLE_WORDS_AFTER.match(text, nxt.end()) is None):
                return True
            if not word[:1].isupper():
                return False
            end = nxt.end()
    return False
