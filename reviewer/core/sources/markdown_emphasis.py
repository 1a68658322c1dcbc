"""Emphasis and strike-through pairing, as CommonMark pairs delimiter runs: a run of "*",
"_" or "~~" opens or closes by the characters around it; openers wait on a stack per
marker, each pushed and popped once. Used by the inline scan (markdown_inline.py).
"""

from __future__ import annotations

PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class Run:
    """A run of emphasis markers: how many are left on each side once some are paired."""

    __slots__ = ("char", "start", "end", "left", "used")

    def __init__(self, char, start, end):
        self.char = char
        self.start = start
        self.end = end
        self.left = end - start  # markers not yet paired
        self.used = 0  # paired from the start of the run (as a closer)


def pair_delimiters(p, c, i, j, openers, order, events):
    """Pair the run of ``c`` at p[i:j] with the openers waiting, appending the markers it
    removes to ``events``; what is left of it that can open waits in turn."""
    before = p[i - 1] if i > 0 else " "
    after = p[j] if j < len(p) else " "
    ws_before, ws_after = before.isspace(), after.isspace()
    p_before = before in PUNCT or (not before.isalnum() and not ws_before)
    p_after = after in PUNCT or (not after.isalnum() and not ws_after)
    left = not ws_after and (not p_after or ws_before or p_before)
    right = not ws_before and (not p_before or ws_after or p_after)
    if c == "_":
        can_open = left and (not right or p_before)
        can_close = right and (not left or p_after)
    else:
        can_open, can_close = left, right
    if c == "~" and j - i != 2:
        return  # strike-through is "~~"
    run = Run(c, i, j)
    stack = openers[c]
    while can_close and run.left and stack:
        opener = stack[-1]
        use = min(opener.left, run.left)
        if c == "~" and use != 2:
            break
        # openers of other markers between this pair can no longer pair
        while order and order[-1] is not opener:
            gone = order.pop()
            if openers[gone.char] and openers[gone.char][-1] is gone:
                openers[gone.char].pop()
        events.append((opener.start + opener.left - use, opener.start + opener.left, ""))
        events.append((run.start + run.used, run.start + run.used + use, ""))
        opener.left -= use
        run.left -= use
        run.used += use
        if not opener.left:
            stack.pop()
            order.pop()
    if can_open and run.left:
        run.start += run.used  # what is left of it opens
        run.used = 0
        stack.append(run)
        order.append(run)

